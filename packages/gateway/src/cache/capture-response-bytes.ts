// The bytes an operation writes to the client, kept for the cache: chat, Anthropic Messages
// and Responses replies leave the operation as JSON or events (passed through byte for byte
// from a deployment that speaks the dialect, or converted), so the cache reads what was sent
// rather than ask every path for its parsed reply (which would turn passthrough off). Only calls the cache watches are wrapped; past `limit` bytes
// the reply is too large to keep and capture stops.

import type { ServerResponse } from 'node:http';

/** A reply larger than this is served but not kept. */
export const MAX_CAPTURED_BYTES = 8 * 1024 * 1024;

export interface CapturedBytes {
  /** The text sent, or undefined when it passed the limit. */
  text(): string | undefined;
}

export function captureResponseBytes(response: ServerResponse, limit: number): CapturedBytes {
  const chunks: Buffer[] = [];
  let size = 0;
  let overflow = false;
  const keep = (chunk: unknown, encoding: unknown): void => {
    if (overflow || chunk === undefined || chunk === null || typeof chunk === 'function') return;
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk, typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8') : Buffer.from(chunk as Uint8Array);
    size += bytes.length;
    if (size > limit) {
      overflow = true;
      chunks.length = 0;
      return;
    }
    chunks.push(bytes);
  };
  const write = response.write;
  const end = response.end;
  // Overloaded methods: the wrappers take any arguments and hand them on unchanged.
  response.write = ((chunk: unknown, ...rest: unknown[]) => {
    keep(chunk, rest[0]);
    return Reflect.apply(write, response, [chunk, ...rest]) as boolean;
  }) as ServerResponse['write'];
  response.end = ((chunk?: unknown, ...rest: unknown[]) => {
    keep(chunk, rest[0]);
    return Reflect.apply(end, response, [chunk, ...rest]) as ServerResponse;
  }) as ServerResponse['end'];
  return { text: () => (overflow ? undefined : Buffer.concat(chunks).toString('utf8')) };
}
