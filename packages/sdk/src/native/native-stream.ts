// A passthrough stream: the upstream's SSE bytes go to the caller chunk by chunk, unchanged,
// while the dialect's watcher reads usage, the commit point and the end from them. Holds
// back the first bytes until content arrives, so an error sent before any content rejects
// the call where the router can still retry or fall back.

import type { ResponseMetadata } from '../response-metadata.js';
import type { Usage } from '../spec/index.js';
import type { NativeStreamEndListener, NativeStreamReply } from './native-support.js';

/** Names in errors a watcher raises, and secrets scrubbed from their messages. */
export interface NativeWatcherContext {
  provider: string;
  model: string;
  secrets: ReadonlyArray<string | undefined>;
}

/** What a dialect reads from the bytes of its stream, without changing them. */
export interface NativeStreamWatcher {
  /** Sees every chunk, in order. */
  observe(chunk: Buffer): void;
  /** The best usage known so far. */
  readonly usage: Usage | undefined;
  /** True once content arrived: from here on the client has seen the answer begin. */
  readonly committed: boolean;
  /** The upstream's own error event, as a typed error; its bytes were in the last chunk. */
  readonly failure: unknown;
  /** The bytes ended: throws when the stream was cut short of its final event. */
  finish(): void;
}

const END: IteratorResult<Buffer> = Object.freeze({ done: true, value: undefined });

export class NativeStream implements NativeStreamReply {
  readonly kind = 'stream';
  private readonly primed: Buffer[] = [];
  private primedTaken = 0;
  private started = false;
  private ended = false;
  /** The upstream sent its error event: the stream ends after the bytes that carried it. */
  private failed = false;
  private endError: unknown;
  private readonly endListeners: NativeStreamEndListener[] = [];
  /** Set by nativeCallSplit, which knows the deployment's prices. */
  priceOf: (usage: Usage) => number | null = () => null;

  private constructor(
    readonly status: number,
    readonly headers: Record<string, string>,
    readonly llmux: ResponseMetadata,
    private readonly source: AsyncIterator<Buffer>,
    private readonly watcher: NativeStreamWatcher,
  ) {}

  /** Reads up to the first content (see the module comment); rejects with an error sent before it. */
  static async open(status: number, headers: Record<string, string>, llmux: ResponseMetadata, source: AsyncIterator<Buffer>, watcher: NativeStreamWatcher): Promise<NativeStream> {
    const stream = new NativeStream(status, headers, llmux, source, watcher);
    try {
      for (;;) {
        const step = await source.next();
        if (step.done === true) {
          if (watcher.failure !== undefined) throw watcher.failure;
          watcher.finish();
          stream.end(undefined);
          return stream;
        }
        watcher.observe(step.value);
        if (watcher.failure !== undefined && !watcher.committed) throw watcher.failure;
        stream.primed.push(step.value);
        if (watcher.failure !== undefined) stream.failed = true;
        if (watcher.committed) return stream;
      }
    } catch (error) {
      await source.return?.().catch(() => undefined);
      throw error;
    }
  }

  get usage(): Usage | undefined {
    return this.watcher.usage;
  }

  [Symbol.asyncIterator](): AsyncIterator<Buffer> {
    if (this.started) throw new Error('a native stream can be iterated only once');
    this.started = true;
    return { next: () => this.next(), return: () => this.stop() };
  }

  /** Abandons the stream and releases the upstream connection. */
  async cancel(): Promise<void> {
    await this.stop();
  }

  /** Calls `listener` once, when the stream ends (at once if it already has). */
  onEnd(listener: NativeStreamEndListener): void {
    if (this.ended) listener(this.watcher.usage, this.endError);
    else this.endListeners.push(listener);
  }

  private next(): Promise<IteratorResult<Buffer>> {
    if (this.primedTaken < this.primed.length) {
      const chunk = this.primed[this.primedTaken] as Buffer;
      this.primed[this.primedTaken++] = EMPTY;
      return Promise.resolve({ done: false, value: chunk });
    }
    if (this.ended) return Promise.resolve(END);
    if (this.failed) return this.stopAfterFailure();
    return this.source.next().then(this.onStep, this.onFailure);
  }

  private readonly onStep = (step: IteratorResult<Buffer>): IteratorResult<Buffer> | Promise<IteratorResult<Buffer>> => {
    if (step.done === true) {
      // The upstream's error event already told the client; the stream ends, the error is kept.
      if (this.watcher.failure !== undefined) {
        this.end(this.watcher.failure);
        return END;
      }
      try {
        this.watcher.finish();
      } catch (error) {
        this.end(error);
        throw error;
      }
      this.end(undefined);
      return END;
    }
    this.watcher.observe(step.value);
    if (this.watcher.failure !== undefined) this.failed = true;
    return { done: false, value: step.value };
  };

  private readonly onFailure = (error: unknown): never => {
    this.end(error);
    throw error;
  };

  private async stopAfterFailure(): Promise<IteratorResult<Buffer>> {
    await this.source.return?.().catch(() => undefined);
    this.end(this.watcher.failure);
    return END;
  }

  private async stop(): Promise<IteratorResult<Buffer>> {
    this.primed.length = 0;
    this.primedTaken = 0;
    try {
      if (!this.ended) await this.source.return?.();
    } finally {
      this.end(undefined);
    }
    return END;
  }

  private end(error: unknown): void {
    if (this.ended) return;
    this.ended = true;
    this.endError = error;
    for (const listener of this.endListeners) listener(this.watcher.usage, error);
  }
}

const EMPTY = Buffer.alloc(0);
