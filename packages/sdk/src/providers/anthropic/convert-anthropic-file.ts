// An OpenAI `file` part → the block Claude reads it as: a PDF becomes a `document` (base64 or
// URL source), plain text a `document` with a text source, an image an `image` block. The
// same for Anthropic and Claude on Vertex; any other media type is a 400 naming it.

import { BadRequestError } from '../../errors/error-classes.js';
import type { FileContentPart } from '../../spec/index.js';
import { readFilePart } from '../read-file-part.js';
import type { AnthropicDocumentBlock, AnthropicImageBlock } from './anthropic-api.js';

export function convertAnthropicFile(file: FileContentPart['file'], param: string): AnthropicDocumentBlock | AnthropicImageBlock {
  const source = readFilePart(file, 'anthropic', param);
  const title = file.filename === undefined ? {} : { title: file.filename };
  if (source.kind === 'url') {
    if (!source.url.startsWith('https://') && !source.url.startsWith('http://')) {
      throw new BadRequestError(`anthropic reads documents by http(s) URL only, not "${source.url}"`, { param: `${param}.file.file_id` });
    }
    if (source.mediaType?.startsWith('image/') === true) return { type: 'image', source: { type: 'url', url: source.url } };
    return { type: 'document', source: { type: 'url', url: source.url }, ...title };
  }
  const { mediaType, base64 } = source;
  if (mediaType === 'application/pdf') return { type: 'document', source: { type: 'base64', media_type: 'application/pdf', data: base64 }, ...title };
  if (mediaType === 'text/plain') return { type: 'document', source: { type: 'text', media_type: 'text/plain', data: Buffer.from(base64, 'base64').toString('utf8') }, ...title };
  if (mediaType.startsWith('image/')) return { type: 'image', source: { type: 'base64', media_type: mediaType, data: base64 } };
  throw new BadRequestError(`anthropic does not read files of type "${mediaType}" (application/pdf, text/plain or an image)`, { param: `${param}.file` });
}
