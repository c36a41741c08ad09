// The stream `completion({ stream: true })` returns: an async iterable of canonical chunks
// that also records usage and cost as they pass, and hides the usage-only chunk when the
// caller did not ask for it (llmux always asks the upstream, to price every call).

import type { ChatCompletionChunk, Usage } from './spec/index.js';
import type { ResponseMetadata } from './response-metadata.js';

export type CostFunction = (usage: Usage, durationMs: number) => number | null;

/** Told once how a stream ended: `error` is undefined when it was read to its end or cancelled. */
export type StreamEndListener = (usage: Usage | undefined, error: unknown) => void;

/** What the stream reads of a chunk: its choices and, on the last, the usage. Text completions' chunks qualify too. */
export interface StreamedChunk {
  choices: readonly unknown[];
  usage?: Usage | null;
}

const END = Object.freeze({ done: true, value: undefined });

// A plain iterator rather than an async generator: each chunk costs one promise here, where
// a generator (and each wrapper around it) added a promise, a resumption and a microtask.
export class CompletionStream<Chunk extends StreamedChunk = ChatCompletionChunk> implements AsyncIterable<Chunk> {
  /** Usage reported by the upstream, once the stream has ended. */
  usage: Usage | undefined;
  readonly llmux: ResponseMetadata;
  private readonly primed: Chunk[];
  private primedTaken = 0;
  private readonly rest: AsyncIterator<Chunk>;
  private readonly includeUsage: boolean;
  private readonly price: CostFunction;
  private started = false;
  private ended = false;
  private readonly endListeners: StreamEndListener[] = [];
  private readonly startedAt: number;

  constructor(primed: Chunk[], rest: AsyncIterator<Chunk>, options: { includeUsage: boolean; metadata: ResponseMetadata; price: CostFunction; startedAt: number }) {
    this.startedAt = options.startedAt;
    this.primed = primed;
    this.rest = rest;
    this.includeUsage = options.includeUsage;
    this.llmux = options.metadata;
    this.price = options.price;
  }

  [Symbol.asyncIterator](): AsyncIterator<Chunk> {
    if (this.started) throw new Error('a completion stream can be iterated only once');
    this.started = true;
    return { next: () => this.next(), return: () => this.stop() };
  }

  /** Abandons the stream and releases the upstream connection. */
  async cancel(): Promise<void> {
    await this.stop();
  }

  /**
   * Usage the caller counted from what it delivered, for a stream that ended without the
   * upstream's (a hang-up before the usage chunk, a cut): priced as reported usage is, so a
   * stream cut short is never free. Reported usage, when it came, is kept.
   */
  settleCountedUsage(usage: Usage): void {
    if (this.usage !== undefined) return;
    this.usage = usage;
    this.llmux.durationMs ??= performance.now() - this.startedAt;
    this.llmux.cost = this.price(usage, this.llmux.durationMs);
  }

  /**
   * Calls `listener` once, when the stream ends: read to its end, failed, or cancelled.
   * The router uses it to free the deployment's slot and count the tokens.
   */
  onEnd(listener: StreamEndListener): void {
    this.endListeners.push(listener);
  }

  private next(): Promise<IteratorResult<Chunk>> {
    while (this.primedTaken < this.primed.length) {
      const out = this.observe(this.primed[this.primedTaken++] as Chunk);
      if (out !== undefined) return Promise.resolve({ done: false, value: out });
    }
    if (this.ended) return Promise.resolve(END);
    return this.rest.next().then(this.onStep, this.onFailure);
  }

  private readonly onStep = (step: IteratorResult<Chunk>): IteratorResult<Chunk> | Promise<IteratorResult<Chunk>> => {
    if (step.done === true) {
      this.end(undefined);
      return END;
    }
    const out = this.observe(step.value);
    // A usage-only chunk the caller did not ask for: read on.
    return out === undefined ? this.next() : { done: false, value: out };
  };

  private readonly onFailure = (error: unknown): never => {
    this.end(error);
    throw error;
  };

  private async stop(): Promise<IteratorResult<Chunk>> {
    try {
      if (!this.ended) await this.rest.return?.();
    } finally {
      this.end(undefined);
    }
    return END;
  }

  private end(error: unknown): void {
    if (this.ended) return;
    this.ended = true;
    this.primed.length = 0;
    for (const listener of this.endListeners) listener(this.usage, error);
  }

  private observe(chunk: Chunk): Chunk | undefined {
    if (chunk.usage !== undefined && chunk.usage !== null) {
      this.usage = chunk.usage;
      this.llmux.durationMs = performance.now() - this.startedAt;
      this.llmux.cost = this.price(chunk.usage, this.llmux.durationMs);
      if (!this.includeUsage) {
        if (chunk.choices.length === 0) return undefined;
        const { usage: _usage, ...withoutUsage } = chunk;
        return withoutUsage as Chunk;
      }
    }
    return chunk;
  }
}

/** True once a chunk carries something a client would show: the stream's commit point. */
function carriesContent(chunk: ChatCompletionChunk): boolean {
  if (chunk.usage) return true;
  for (const choice of chunk.choices) {
    const delta = choice.delta;
    if (choice.finish_reason !== null && choice.finish_reason !== undefined) return true;
    if ((delta.content !== undefined && delta.content !== null && delta.content !== '') || delta.tool_calls !== undefined) return true;
    if (delta.reasoning_content) return true;
    if (delta.refusal) return true;
  }
  return false;
}

/**
 * Pulls chunks until the first one with content, so that an error the upstream sends
 * before any content (an overloaded event, a reset) is thrown to the caller, where the
 * router can still retry or fall back.
 */
export function primeStream(iterator: AsyncIterator<ChatCompletionChunk>): Promise<ChatCompletionChunk[]> {
  return primeChunks(iterator, carriesContent);
}

/** primeStream() for any kind of chunk, `carries` telling the first one with content. */
export async function primeChunks<Chunk>(iterator: AsyncIterator<Chunk>, carries: (chunk: Chunk) => boolean): Promise<Chunk[]> {
  const primed: Chunk[] = [];
  try {
    for (;;) {
      const next = await iterator.next();
      if (next.done === true) return primed;
      primed.push(next.value);
      if (carries(next.value)) return primed;
    }
  } catch (error) {
    await iterator.return?.().catch(() => undefined);
    throw error;
  }
}
