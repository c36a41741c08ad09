// A passthrough stream: the upstream's SSE bytes go to the caller chunk by chunk, unchanged,
// while the dialect's watcher reads usage, the commit point and the end from them. Holds
// back the first bytes until content arrives, so an error sent before any content rejects
// the call where the router can still retry or fall back.

import { END_OF_STREAM, ReadOnceStream } from '../read-once-stream.js';
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

export class NativeStream extends ReadOnceStream<Buffer> implements NativeStreamReply {
  readonly kind = 'stream';
  private readonly primed: Buffer[] = [];
  private primedTaken = 0;
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
    source: AsyncIterator<Buffer>,
    private readonly watcher: NativeStreamWatcher,
  ) {
    super('native stream', source);
  }

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

  /** Calls `listener` once, when the stream ends (at once if it already has). */
  onEnd(listener: NativeStreamEndListener): void {
    if (this.ended) listener(this.watcher.usage, this.endError);
    else this.endListeners.push(listener);
  }

  protected next(): Promise<IteratorResult<Buffer>> {
    if (this.primedTaken < this.primed.length) {
      const chunk = this.primed[this.primedTaken] as Buffer;
      this.primed[this.primedTaken++] = EMPTY;
      return Promise.resolve({ done: false, value: chunk });
    }
    if (this.ended) return Promise.resolve(END_OF_STREAM);
    if (this.failed) return this.stopAfterFailure();
    return this.source.next().then(this.onStep, this.onFailure);
  }

  private readonly onStep = (step: IteratorResult<Buffer>): IteratorResult<Buffer> | Promise<IteratorResult<Buffer>> => {
    if (step.done === true) {
      // The upstream's error event already told the client; the stream ends, the error is kept.
      if (this.watcher.failure !== undefined) {
        this.end(this.watcher.failure);
        return END_OF_STREAM;
      }
      try {
        this.watcher.finish();
      } catch (error) {
        this.end(error);
        throw error;
      }
      this.end(undefined);
      return END_OF_STREAM;
    }
    this.watcher.observe(step.value);
    if (this.watcher.failure !== undefined) this.failed = true;
    return { done: false, value: step.value };
  };

  private async stopAfterFailure(): Promise<IteratorResult<Buffer>> {
    await this.source.return?.().catch(() => undefined);
    this.end(this.watcher.failure);
    return END_OF_STREAM;
  }

  /** Drops the held-back bytes before releasing the upstream. */
  protected override stop(): Promise<IteratorResult<Buffer>> {
    this.primed.length = 0;
    this.primedTaken = 0;
    return super.stop();
  }

  protected whenEnded(error: unknown): void {
    this.endError = error;
    for (const listener of this.endListeners) listener(this.watcher.usage, error);
  }
}

const EMPTY = Buffer.alloc(0);
