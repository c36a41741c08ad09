// An OpenAI `file` content part read into what a document-reading provider needs: the bytes
// inline (base64, with their media type) or a URL. OpenAI's own file ids name uploads at
// OpenAI, which no other provider can read, so they are a 400 naming the id.

import { BadRequestError } from '../errors/error-classes.js';
import type { FileContentPart } from '../spec/index.js';

type FileSource = { kind: 'inline'; mediaType: string; base64: string } | { kind: 'url'; url: string; mediaType: string | undefined };

const DATA_URL_PATTERN = /^data:([^;,]+);base64,(.*)$/s;
const URL_PATTERN = /^(?:https?|gs|s3):\/\//;

export function readFilePart(file: FileContentPart['file'], provider: string, param: string): FileSource {
  const format = file.format?.toLowerCase();
  if (file.file_data !== undefined) {
    const data = DATA_URL_PATTERN.exec(file.file_data);
    if (data === null) throw new BadRequestError('file.file_data must be a base64 data: URL (data:application/pdf;base64,...)', { param: `${param}.file.file_data` });
    return { kind: 'inline', mediaType: format ?? (data[1] ?? '').toLowerCase(), base64: data[2] ?? '' };
  }
  const id = file.file_id;
  if (id === undefined) throw new BadRequestError('a file part needs file.file_data or file.file_id', { param: `${param}.file` });
  if (URL_PATTERN.test(id)) return { kind: 'url', url: id, mediaType: format };
  const whose = id.startsWith('file-') ? 'an OpenAI file id' : 'a file id';
  throw new BadRequestError(`file.file_id "${id}" is ${whose}, which ${provider} cannot read; send the document inline as file.file_data (a base64 data: URL)`, {
    param: `${param}.file.file_id`,
  });
}
