// An upstream's server-sent events → items, with one object per stream and one promise per
// item. A chain of async generators (body iterator → SSE decoder → converter → guard) costs
// a promise, a resumption and a microtask per layer on every chunk; at thousands of open
// streams that, and the garbage it leaves, was most of the gateway's CPU per chunk. Here the
// body's 'data' events are decoded and converted synchronously and queued; `next()` takes
// from the queue. Transport failures surface as typed connection errors, and a reader that
// stops early (return(), or an error) frees the upstream connection at once.

import type { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { createParser, type EventSourceMessage, type EventSourceParser } from 'eventsource-parser';
import { isLlmuxError } from '../errors/to-openai-error-body.js';
import type { SseEvent } from './decode-sse.js';
import { toConnectionError, type HttpRequest } from './http-client.js';

/** What a provider does with each event of its stream. */
export interface SseEventHandler<T> {
  /** One event → zero or more items, passed to `emit`. A thrown error ends the stream with it. */
  onEvent(event: string | undefined, data: string, emit: (item: T) => void): void;
  /** The body ended: emits any last items, or throws when the stream was cut short. */
  onEnd(emit: (item: T) => void): void;
}

type ErrorContext = Pick<HttpRequest, 'provider' | 'model' | 'signal'>;

/** Items queued beyond this pause the upstream body, so a slow reader holds back the upstream. */
const HIGH_WATER = 64;

interface Waiter<T> {
  resolve(result: IteratorResult<T>): void;
  reject(error: unknown): void;
}

class SseStreamReader<T> implements AsyncIterableIterator<T> {
  private readonly queue: T[] = [];
  private head = 0;
  private waiter: Waiter<T> | undefined;
  /** No more items will be queued: the body ended, failed, or the reader stopped. */
  private finished = false;
  /** An error to throw once the items queued before it have been taken. */
  private failure: { error: unknown } | undefined;
  private readonly parser: EventSourceParser;
  // undici's body ignores setEncoding; a StringDecoder keeps characters split across reads whole.
  private readonly decoder = new StringDecoder('utf8');
  private readonly emit = (item: T): void => this.deliver(item);

  constructor(
    private readonly body: Readable,
    private readonly handler: SseEventHandler<T>,
    private readonly context: ErrorContext,
  ) {
    this.parser = createParser({ onEvent: (message: EventSourceMessage) => this.onEvent(message) });
    body.on('data', (bytes: Buffer) => this.parser.feed(this.decoder.write(bytes)));
    // 'close' without 'end' (destroyed elsewhere) is an end too; the handler tells if it was early.
    const onEnd = (): void => this.onBodyEnd();
    body.once('end', onEnd);
    body.once('close', onEnd);
    body.once('error', (error: Error) => this.fail(isLlmuxError(error) ? error : toConnectionError(error, this.context)));
  }

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
    this.stop();
    // A cancel while a next() waits (a client hang-up) ends that next() too.
    this.wake();
    return Promise.resolve({ done: true, value: undefined });
  }

  private take(): T {
    const item = this.queue[this.head] as T;
    this.head++;
    if (this.head === this.queue.length) {
      this.queue.length = 0;
      this.head = 0;
      if (!this.finished && this.body.isPaused()) this.body.resume();
    }
    return item;
  }

  private onEvent(message: EventSourceMessage): void {
    if (this.finished) return;
    try {
      this.handler.onEvent(message.event, message.data, this.emit);
    } catch (error) {
      this.fail(error);
    }
  }

  private deliver(item: T): void {
    const waiter = this.waiter;
    if (waiter !== undefined) {
      this.waiter = undefined;
      waiter.resolve({ done: false, value: item });
      return;
    }
    this.queue.push(item);
    if (this.queue.length - this.head >= HIGH_WATER && !this.finished) this.body.pause();
  }

  private onBodyEnd(): void {
    if (this.finished) return;
    // A final event the upstream did not terminate with a blank line still counts.
    this.parser.feed(`${this.decoder.end()}\n\n`);
    if (this.finished) return;
    try {
      this.handler.onEnd(this.emit);
    } catch (error) {
      this.fail(error);
      return;
    }
    this.finished = true;
    this.wake();
  }

  /** Ends the stream with `error`, after the items already queued. */
  private fail(error: unknown): void {
    if (this.finished) return;
    this.failure = { error };
    this.stop();
    this.wake();
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

/** Reads an undici response body as a stream of items. */
export function readSseStream<T>(body: Readable, handler: SseEventHandler<T>, context: ErrorContext): AsyncIterableIterator<T> {
  return new SseStreamReader(body, handler, context);
}

/** The same for events that do not come from a Node stream (unwrapped from another framing). */
export async function* convertSseEvents<T>(
  events: AsyncIterable<SseEvent>,
  handler: SseEventHandler<T>,
  context: ErrorContext,
): AsyncGenerator<T> {
  let ready: T[] = [];
  const emit = (item: T): void => void ready.push(item);
  try {
    for await (const event of events) {
      handler.onEvent(event.event, event.data, emit);
      if (ready.length > 0) {
        const batch = ready;
        ready = [];
        yield* batch;
      }
    }
  } catch (error) {
    throw isLlmuxError(error) ? error : toConnectionError(error, context);
  }
  handler.onEnd(emit);
  yield* ready;
}
