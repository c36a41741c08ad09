// The queue behind every reader of an upstream body: a subclass turns the body's 'data'
// events into items (SSE events converted to chunks, or the raw bytes of a passthrough) and
// queues them; `next()` takes from the queue, with one object per stream and one promise per
// item. A chain of async generators (body iterator → SSE decoder → converter → guard) costs
// a promise, a resumption and a microtask per layer on every chunk; at thousands of open
// streams that, and the garbage it leaves, was most of the gateway's CPU per chunk.
// Transport failures surface as typed connection errors, and a reader that stops early
// (return(), or an error) frees the upstream connection at once.

import type { Readable } from 'node:stream';
import { isLlmuxError } from '../errors/to-openai-error-body.js';
import { toConnectionError, type HttpRequest } from './http-client.js';

export type BodyErrorContext = Pick<HttpRequest, 'provider' | 'model' | 'signal'>;

/** Items queued beyond this pause the upstream body, so a slow reader holds back the upstream. */
const HIGH_WATER = 64;

/** How much a reader queues before it pauses the upstream, in the units of its `sizeOf`. */
export interface QueueLimit<T> {
  readonly highWater: number;
  sizeOf(item: T): number;
}

/** One item counts one: SSE readers queue small converted chunks. */
const COUNT_ITEMS: QueueLimit<unknown> = { highWater: HIGH_WATER, sizeOf: () => 1 };

interface Waiter<T> {
  resolve(result: IteratorResult<T>): void;
  reject(error: unknown): void;
}

export abstract class QueuedBodyReader<T> implements AsyncIterableIterator<T> {
  private readonly queue: T[] = [];
  private head = 0;
  private waiter: Waiter<T> | undefined;
  /** No more items will be queued: the body ended, failed, or the reader stopped. */
  protected finished = false;
  /** An error to throw once the items queued before it have been taken. */
  private failure: { error: unknown } | undefined;
  /** What the queue holds now, in `limit`'s units. */
  private queued = 0;

  constructor(
    private readonly body: Readable,
    private readonly context: BodyErrorContext,
    private readonly limit: QueueLimit<T> = COUNT_ITEMS,
  ) {
    body.on('data', (bytes: Buffer) => this.onData(bytes));
    // 'close' without 'end' (destroyed elsewhere) is an end too; the subclass tells if it was early.
    const onEnd = (): void => this.onBodyEnd();
    body.once('end', onEnd);
    body.once('close', onEnd);
    body.once('error', (error: Error) => this.fail(isLlmuxError(error) ? error : toConnectionError(error, this.context)));
  }

  /** One read of the body: queue what it yields through deliver(). */
  protected abstract onData(bytes: Buffer): void;
  /** The body ended (or closed): deliver any last items, then end() or fail(). */
  protected abstract onBodyEnd(): void;

  [Symbol.asyncIterator](): this {
    return this;
  }

  next(): Promise<IteratorResult<T>> {
    if (this.head < this.queue.length) return Promise.resolve({ done: false, value: this.take() });
    const failure = this.failure;
    if (failure !== undefined) {
      this.failure = undefined;
      return Promise.reject(failure.error);
    }
    if (this.finished) return Promise.resolve({ done: true, value: undefined });
    return new Promise((resolve, reject) => {
      this.waiter = { resolve, reject };
    });
  }

  return(): Promise<IteratorResult<T>> {
    this.failure = undefined;
    this.queue.length = 0;
    this.head = 0;
    this.queued = 0;
    this.stop();
    // A cancel while a next() waits (a client hang-up) ends that next() too.
    this.wake();
    return Promise.resolve({ done: true, value: undefined });
  }

  protected deliver(item: T): void {
    const waiter = this.waiter;
    if (waiter !== undefined) {
      this.waiter = undefined;
      waiter.resolve({ done: false, value: item });
      return;
    }
    this.queue.push(item);
    this.queued += this.limit.sizeOf(item);
    if (this.queued >= this.limit.highWater && !this.finished) this.body.pause();
  }

  /** The body ended as it should: a waiting reader gets the end once the queue is empty. */
  protected end(): void {
    this.finished = true;
    this.wake();
  }

  /** Ends the stream with `error`, after the items already queued. */
  protected fail(error: unknown): void {
    if (this.finished) return;
    this.failure = { error };
    this.stop();
    this.wake();
  }

  private take(): T {
    const item = this.queue[this.head] as T;
    this.head++;
    this.queued -= this.limit.sizeOf(item);
    if (this.head === this.queue.length) {
      this.queue.length = 0;
      this.head = 0;
      this.queued = 0;
      if (!this.finished && this.body.isPaused()) this.body.resume();
    }
    return item;
  }

  /** A waiting reader has an empty queue: it gets the failure, or the end. */
  private wake(): void {
    const waiter = this.waiter;
    if (waiter === undefined) return;
    this.waiter = undefined;
    const failure = this.failure;
    this.failure = undefined;
    if (failure !== undefined) waiter.reject(failure.error);
    else waiter.resolve({ done: true, value: undefined });
  }

  /** Stops reading; a body not read to its end is destroyed, which frees its connection. */
  private stop(): void {
    if (this.finished) return;
    this.finished = true;
    if (!this.body.readableEnded) this.body.destroy();
  }
}
