// Reads a request body into one Buffer, refusing (413) anything over the limit: at once from
// Content-Length when the client declares it (nothing is read), else as soon as the running
// total passes it (what came so far is dropped, the rest is never read: the reply closes the
// connection). Memory follows the bytes that arrived, never a declared length.

import type { IncomingMessage } from 'node:http';
import { BadRequestError } from 'llmux';
import { PayloadTooLargeError } from './http-errors.js';

export function readBody(request: IncomingMessage, limitBytes: number): Promise<Buffer> {
  const declared = request.headers['content-length'];
  if (declared !== undefined) {
    const length = Number(declared);
    // node:http already refuses a malformed Content-Length; this guards direct callers.
    if (!Number.isSafeInteger(length) || length < 0) return Promise.reject(new BadRequestError('Invalid Content-Length header', { code: 'invalid_content_length' }));
    if (length > limitBytes) return Promise.reject(new PayloadTooLargeError(limitBytes));
  }
  return new Promise((resolve, reject) => {
    let chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > limitBytes) {
        cleanup();
        // Drop what arrived and stop reading: the 413 reply closes the connection.
        chunks = [];
        request.pause();
        reject(new PayloadTooLargeError(limitBytes));
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = (): void => {
      cleanup();
      resolve(chunks.length === 1 && chunks[0] !== undefined ? chunks[0] : Buffer.concat(chunks, size));
    };
    const onError = (error: Error): void => {
      cleanup();
      reject(error);
    };
    const cleanup = (): void => {
      request.off('data', onData);
      request.off('end', onEnd);
      request.off('error', onError);
    };
    request.on('data', onData);
    request.on('end', onEnd);
    request.on('error', onError);
  });
}
