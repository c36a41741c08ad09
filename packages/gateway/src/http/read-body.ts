// Reads a request body into one Buffer, refusing (413) anything over the limit: at once from
// Content-Length when the client declares it (nothing is read), else as soon as the running
// total passes it (what came so far is dropped, the rest is never read: the reply closes the
// connection). Large bodies also hold bytes of the process-wide budget while they are read
// and parsed (limits-body-budget.ts), so a flood of them cannot exhaust memory.

import type { IncomingMessage } from 'node:http';
import { BadRequestError } from 'llmux';
import { PayloadTooLargeError } from './http-errors.js';
import { BodiesInFlightError, releaseBodyBytes, reserveBodyBytes } from './limits-body-budget.js';
import { LINGER_MS, SMALL_BODY_BYTES } from './limits-input.js';

export function readBody(request: IncomingMessage, limitBytes: number): Promise<Buffer> {
  const declared = request.headers['content-length'];
  const length = declared === undefined ? undefined : Number(declared);
  if (length !== undefined) {
    // node:http already refuses a malformed Content-Length; this guards direct callers.
    if (!Number.isSafeInteger(length) || length < 0) return Promise.reject(new BadRequestError('Invalid Content-Length header', { code: 'invalid_content_length' }));
    if (length > limitBytes) return refuse(request, new PayloadTooLargeError(limitBytes));
  }
  const aborted = (): BadRequestError => new BadRequestError('The client closed the connection before the request body ended', { code: 'request_aborted' });
  // Gone while the pre-hooks ran: no 'end' or 'close' will come.
  if (request.destroyed && !request.complete) return Promise.reject(aborted());
  let reserved = 0;
  const reserve = (bytes: number): boolean => {
    if (!reserveBodyBytes(bytes)) return false;
    reserved += bytes;
    return true;
  };
  const release = (): void => {
    releaseBodyBytes(reserved);
    reserved = 0;
  };
  // A declared large body takes its whole share before a byte is read, or is refused unread.
  if (length !== undefined && length > SMALL_BODY_BYTES && !reserve(length)) return refuse(request, new BodiesInFlightError());
  return new Promise((resolve, reject) => {
    let chunks: Buffer[] = [];
    let size = 0;
    const fail = (error: Error): void => {
      cleanup();
      chunks = [];
      release();
      lingerThenClose(request);
      reject(error);
    };
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > limitBytes) return fail(new PayloadTooLargeError(limitBytes));
      // An undeclared length (chunked) takes its share as the bytes arrive.
      if (length === undefined && size > SMALL_BODY_BYTES && !reserve(size - reserved)) return fail(new BodiesInFlightError());
      chunks.push(chunk);
    };
    const onEnd = (): void => {
      cleanup();
      resolve(chunks.length === 1 && chunks[0] !== undefined ? chunks[0] : Buffer.concat(chunks, size));
      chunks = [];
      // The caller parses in the continuation of this promise (a microtask, before any more
      // I/O), so the share is given back only after that, when the copies have been made.
      if (reserved > 0) setImmediate(release);
    };
    // A client that hangs up mid-body: 'close' without 'end'.
    const onClose = (): void => fail(aborted());
    const cleanup = (): void => {
      request.off('data', onData);
      request.off('end', onEnd);
      request.off('error', fail);
      request.off('close', onClose);
    };
    request.on('data', onData);
    request.on('end', onEnd);
    request.on('error', fail);
    request.on('close', onClose);
  });
}

function refuse(request: IncomingMessage, error: Error): Promise<never> {
  lingerThenClose(request);
  return Promise.reject(error);
}

/**
 * The refusal closes the connection, but the client may still be sending. Closing a socket
 * with unread bytes makes the kernel send a reset, which can wipe out the 413 before the
 * client reads it. So, as nginx's lingering close does, the rest is read and dropped (never
 * kept) for up to LINGER_MS after the reply, then the socket is closed.
 */
function lingerThenClose(request: IncomingMessage): void {
  const socket = request.socket;
  request.resume();
  // Node calls destroySoon() once the reply is written; end() sends the reply and a FIN.
  socket.destroySoon = () => {
    socket.end();
    setTimeout(() => socket.destroy(), LINGER_MS).unref();
  };
}
