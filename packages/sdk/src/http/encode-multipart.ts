// Encodes a multipart/form-data body for an upstream: the parts' headers are small strings,
// and each file's bytes are written as they are (the Buffer the caller holds), so an upload
// is never copied into one joined body. A Readable over the parts is made per send, as a
// retry sends them again.

import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { isUploadFile } from '../upload-file.js';

export interface MultipartBody {
  contentType: string;
  /** Bytes in all, for Content-Length: upstreams that refuse chunked uploads exist. */
  length: number;
  /** A fresh stream over the parts, for one send. */
  open(): Readable;
}

/**
 * `fields`' text, numbers and files as parts, a list as repeated `name[]` parts (OpenAI's
 * spelling); undefined, null and other values are left out.
 */
export function encodeMultipart(fields: object): MultipartBody {
  const boundary = `----llmux${randomBytes(12).toString('hex')}`;
  const chunks: Buffer[] = [];
  const add = (name: string, value: unknown): void => {
    if (isUploadFile(value)) {
      const filename = value.filename.replace(/["\r\n]/g, '_');
      chunks.push(
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"; filename="${filename}"\r\nContent-Type: ${value.contentType.replace(/[\r\n]/g, '')}\r\n\r\n`),
      );
      chunks.push(value.data);
      chunks.push(CRLF);
    } else if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
      chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${String(value)}\r\n`));
    }
  };
  for (const [name, value] of Object.entries(fields as Record<string, unknown>)) {
    if (Array.isArray(value)) for (const item of value as unknown[]) add(`${name}[]`, item);
    else add(name, value);
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  let length = 0;
  for (const chunk of chunks) length += chunk.length;
  return {
    contentType: `multipart/form-data; boundary=${boundary}`,
    length,
    open: () => Readable.from(chunks, { objectMode: false }),
  };
}

const CRLF = Buffer.from('\r\n');
