// An OpenAI `file` part → a Converse block: a document (bytes, or an S3 location) in one of
// Converse's formats, or an image. Converse cannot fetch an http(s) URL, and restricts the
// document name (alphanumerics, single spaces, hyphens, parentheses, square brackets), so
// the filename is cleaned to fit and, without one, the part's position names it.

import { BadRequestError } from '../../errors/error-classes.js';
import type { FileContentPart } from '../../spec/index.js';
import { readFilePart } from '../read-file-part.js';
import type { BedrockContentBlock, BedrockDocumentFormat, BedrockImageFormat } from './bedrock-api.js';

const DOCUMENT_FORMATS: Readonly<Record<string, BedrockDocumentFormat>> = {
  'application/pdf': 'pdf',
  'text/csv': 'csv',
  'application/msword': 'doc',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
  'application/vnd.ms-excel': 'xls',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
  'text/html': 'html',
  'text/plain': 'txt',
  'text/markdown': 'md',
};

export const BEDROCK_IMAGE_FORMATS: Readonly<Record<string, BedrockImageFormat>> = {
  'image/png': 'png',
  'image/jpeg': 'jpeg',
  'image/jpg': 'jpeg',
  'image/gif': 'gif',
  'image/webp': 'webp',
};

export function convertBedrockDocument(file: FileContentPart['file'], param: string): BedrockContentBlock {
  const source = readFilePart(file, 'bedrock', param);
  const mediaType = source.mediaType ?? 'application/pdf';
  const image = BEDROCK_IMAGE_FORMATS[mediaType];
  if (source.kind === 'url') {
    if (!source.url.startsWith('s3://')) {
      throw new BadRequestError(`Bedrock cannot fetch "${source.url}"; send the document inline as file.file_data or as an s3:// URI`, { param: `${param}.file.file_id` });
    }
    if (image !== undefined) return { image: { format: image, source: { s3Location: { uri: source.url } } } };
    return { document: { format: documentFormat(mediaType, param), name: documentName(file.filename, param), source: { s3Location: { uri: source.url } } } };
  }
  if (image !== undefined) return { image: { format: image, source: { bytes: source.base64 } } };
  return { document: { format: documentFormat(mediaType, param), name: documentName(file.filename, param), source: { bytes: source.base64 } } };
}

function documentFormat(mediaType: string, param: string): BedrockDocumentFormat {
  const format = DOCUMENT_FORMATS[mediaType];
  if (format === undefined)
    throw new BadRequestError(`Bedrock does not read documents of type "${mediaType}" (pdf, csv, doc, docx, xls, xlsx, html, txt, md)`, { param: `${param}.file` });
  return format;
}

/** A name Converse accepts: the filename without its extension, other characters as hyphens. */
function documentName(filename: string | undefined, param: string): string {
  const stem = (filename ?? '').replace(/\.[^.]*$/, '');
  const cleaned = stem
    .replace(/[^A-Za-z0-9\s\-()[\]]/g, '-')
    .replace(/\s+/g, ' ')
    .trim();
  return cleaned === '' ? `document ${param.replace(/[^A-Za-z0-9]+/g, '-').replace(/-$/, '')}` : cleaned;
}
