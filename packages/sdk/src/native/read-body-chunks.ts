// An upstream body's chunks as an async iterator of Buffers, with one object per stream and
// one promise per chunk (no async-generator layers, as read-sse-stream.ts explains).
// Transport failures surface as typed connection errors; a reader that stops early frees
// the upstream connection at once.

import type { Readable } from 'node:stream';
import { isLlmuxError } from '../errors/to-openai-error-body.js';
import { toConnectionError, type HttpRequest } from '../http/http-client.js';

type ErrorContext = Pick<HttpRequest, 'provider' | 'model' | 'signal'>;

/** Chunks queued beyond this pause the upstream body, so a slow client holds back the upstream. */
const HIGH_WATER = 64;

const DONE: IteratorResult<Buffer> = Object.freeze({ done: true, value: undefined });

export class BodyChunkReader implements AsyncIterator<Buffer> {
  private readonly queue: Buffer[] = [];
  private head = 0;
  private waiter: { resolve(result: IteratorResult<Buffer>): void; reject(error: unknown): void } | undefined;
  /** No more chunks will be queued: the body ended, failed, or the reader stopped. */
  private finished = false;
  private failure: { error: unknown } | undefined;

  constructor(
    private readonly body: Readable,
    private readonly context: ErrorContext,
  ) {
    body.on('data', (chunk: Buffer) => this.deliver(chunk));
    // 'close' without 'end' (destroyed elsewhere) ends it too; the dialect's watcher tells if it was early.
    const onEnd = (): void => this.end();
    body.once('end', onEnd);
    body.once('close', onEnd);
    body.once('error', (error: Error) => this.fail(isLlmuxError(error) ? error : toConnectionError(error, this.context)));
  }

  next(): Promise<IteratorResult<Buffer>> {
    if (this.head < this.queue.length) return Promise.resolve({ done: false, value: this.take() });
    const failure = this.failure;
    if (failure !== undefined) {
      this.failure = undefined;
      return Promise.reject(failure.error);
    }
    if (this.finished) return Promise.resolve(DONE);
    return new Promise((resolve, reject) => {
      this.waiter = { resolve, reject };
    });
  }

  return(): Promise<IteratorResult<Buffer>> {
    this.failure = undefined;
    this.queue.length = 0;
    this.head = 0;
    this.stop();
    this.wake();
    return Promise.resolve(DONE);
  }

  private take(): Buffer {
    const chunk = this.queue[this.head] as Buffer;
    this.head++;
    if (this.head === this.queue.length) {
      this.queue.length = 0;
      this.head = 0;
      if (!this.finished && this.body.isPaused()) this.body.resume();
    }
    return chunk;
  }

  private deliver(chunk: Buffer): void {
    if (this.finished) return;
    const waiter = this.waiter;
    if (waiter !== undefined) {
      this.waiter = undefined;
      waiter.resolve({ done: false, value: chunk });
      return;
    }
    this.queue.push(chunk);
    if (this.queue.length - this.head >= HIGH_WATER) this.body.pause();
  }

  private end(): void {
    if (this.finished) return;
    this.finished = true;
    this.wake();
  }

  private fail(error: unknown): void {
    if (this.finished) return;
    this.failure = { error };
    this.stop();
    this.wake();
  }

  private wake(): void {
    const waiter = this.waiter;
    if (waiter === undefined) return;
    this.waiter = undefined;
    const failure = this.failure;
    this.failure = undefined;
    if (failure !== undefined) waiter.reject(failure.error);
    else waiter.resolve(DONE);
  }

  private stop(): void {
    if (this.finished) return;
    this.finished = true;
    if (!this.body.readableEnded) this.body.destroy();
  }
}
