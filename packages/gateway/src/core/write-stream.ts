// Writes a streamed reply as server-sent events in the client's dialect. Errors before the
// first content were thrown by the Router (retries and fallbacks happen there, and the
// client still gets a JSON error and status); once the 200 is written, an error becomes
// the dialect's terminal event. A client that hangs up cancels the upstream call. The call
// record says how a stream cut short ended, so that it is billed for what it delivered.

import { once } from 'node:events';
import { performance } from 'node:perf_hooks';
import { clientGone } from '../http/client-gone.js';
import type { RequestContext } from '../http/request-context.js';
import { waitForDrain } from '../http/wait-for-drain.js';
import type { Dialect } from './dialect.js';
import type { OpenStream, OpenStreams } from './open-streams.js';
import type { HookStep } from './reply-hooks.js';

/** A stream's wire encoding: one chunk's SSE text (or the upstream's bytes), and the closing text. */
export interface StreamEncoder<Chunk> {
  chunk(chunk: Chunk): string | Buffer;
  end(): string;
}

/** What the writer reads from: chunks, and a way to release the upstream. */
export interface ReplyStream<Chunk> extends AsyncIterable<Chunk> {
  cancel(): Promise<void>;
}

export interface StreamWriting<Chunk> {
  dialect: Dialect;
  encoder: StreamEncoder<Chunk>;
  streams: OpenStreams;
  /** Sees each chunk as it is written (to count what was delivered). */
  onChunk?: ((chunk: Chunk) => void) | undefined;
  /**
   * Reply hooks (core/reply-hooks.ts): run before each chunk is written and before the
   * closing text, awaited only when they return a promise. With them, the 200 waits for the
   * first chunk, so a refusal before it is thrown (a normal error status); after it, the
   * stream ends with the dialect's error event.
   */
  hooks?: { chunk(chunk: Chunk): HookStep; end(): HookStep } | undefined;
}

/** A reply hook refused the stream after it began (told apart from an upstream break). */
class Refused {
  constructor(readonly error: unknown) {}
}

/**
 * Writes the stream. One cut short (hang-up, upstream break, shutdown) is still billed for
 * what it delivered: `record.callEnd` says how it ended, and an upstream break's error class
 * is recorded.
 */
export async function writeStream<Chunk>(context: RequestContext, stream: ReplyStream<Chunk>, writing: StreamWriting<Chunk>): Promise<void> {
  const { dialect, encoder, onChunk, hooks } = writing;
  const record = context.call;
  const response = context.response;
  const headers = context.headers;
  record.stream = true;
  headers['content-type'] = 'text/event-stream';
  headers['cache-control'] = 'no-cache';
  // Proxies such as nginx would otherwise hold events back in their buffers.
  headers['x-accel-buffering'] = 'no';
  // Without hooks the head goes now (nothing can refuse the stream any more); with them, with the first chunk.
  if (hooks === undefined) response.writeHead(200, headers);
  response.once('close', () => {
    if (!response.writableEnded) stream.cancel().catch(() => undefined);
  });
  const open: OpenStream = {
    finished: once(response, 'close').then(
      () => undefined,
      () => undefined,
    ),
    shutDown(error) {
      if (response.writableEnded || clientGone(response)) return;
      record.callEnd = 'shutdown';
      if (!response.headersSent) response.writeHead(200, headers);
      response.end(dialect.streamError(context, error));
      stream.cancel().catch(() => undefined);
    },
  };
  writing.streams.add(open);

  let failure: unknown;
  let failed = false;
  let first = true;
  try {
    for await (const chunk of stream) {
      // Leaving the loop returns the iterator, which releases the upstream connection.
      if (response.writableEnded || clientGone(response)) break;
      if (hooks !== undefined) {
        const step = runHook(() => hooks.chunk(chunk), first);
        // A hang-up or a shutdown while the hook was away has ended the response.
        if (step !== undefined && (await step, response.writableEnded || clientGone(response))) break;
        if (first) response.writeHead(200, headers);
      }
      onChunk?.(chunk);
      const written = response.write(encoder.chunk(chunk));
      if (first) {
        first = false;
        record.timeToFirstTokenMs = performance.now() - context.startedAt;
        // Every chunk of a stream carries the reply's id; the first one names it for the spend row.
        const id = (chunk as { id?: unknown }).id;
        if (typeof id === 'string') record.responseId = id;
        // Node holds a response's writes until the next tick to send them in one syscall;
        // the chunks of one upstream read are all converted before that tick. The first
        // token goes out now, with the headers; the rest of a burst is still batched.
        response.socket?.uncork();
      }
      if (!written) await waitForDrain(response);
    }
    if (hooks !== undefined && !response.writableEnded && !clientGone(response)) {
      const step = runHook(hooks.end, first);
      if (step !== undefined) await step;
      if (first && !response.headersSent) response.writeHead(200, headers);
    }
  } catch (error) {
    failed = true;
    failure = error;
  } finally {
    writing.streams.delete(open);
  }
  if (record.callEnd === 'shutdown') return;
  if (clientGone(response)) {
    record.callEnd = 'client_disconnected';
    return;
  }
  // Nothing written yet (a hook refused the first chunk, or the stream broke before it): a normal error.
  if (failed && hooks !== undefined && !response.headersSent) throw failure instanceof Refused ? failure.error : failure;
  if (failed) {
    record.callEnd = failure instanceof Refused ? 'reply_refused' : 'upstream_cut';
    if (!response.headersSent) response.writeHead(200, headers);
    response.end(dialect.streamError(context, failure instanceof Refused ? failure.error : failure));
    return;
  }
  if (!response.writableEnded) response.end(encoder.end());
}

/**
 * A hook step: before the first chunk its error goes out as thrown (the 200 is not written
 * yet, the client gets a normal error); after, it is a refusal of a stream that began.
 */
function runHook(step: () => HookStep, first: boolean): HookStep {
  if (first) return step();
  try {
    const result = step();
    return result instanceof Promise ? result.catch((error: unknown) => Promise.reject(new Refused(error))) : undefined;
  } catch (error) {
    throw new Refused(error);
  }
}
