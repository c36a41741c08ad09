// The stream `completion({ stream: true })` returns: an async iterable of canonical chunks
// that also records usage and cost as they pass, and hides the usage-only chunk when the
// caller did not ask for it (llmux always asks the upstream, to price every call).

import type { ChatCompletionChunk, Usage } from './spec/index.js';
import { END_OF_STREAM, ReadOnceStream } from './read-once-stream.js';
import type { ResponseMetadata } from './response-metadata.js';

export type CostFunction = (usage: Usage, durationMs: number) => number | null;

/** Told once how a stream ended: `error` is undefined when it was read to its end or cancelled. */
export type StreamEndListener = (usage: Usage | undefined, error: unknown) => void;

/** What the stream reads of a chunk: its choices and, on the last, the usage. Text completions' chunks qualify too. */
export interface StreamedChunk {
  choices: readonly unknown[];
  usage?: Usage | null;
}

// A plain iterator rather than an async generator: each chunk costs one promise here, where
// a generator (and each wrapper around it) added a promise, a resumption and a microtask.
export class CompletionStream<Chunk extends StreamedChunk = ChatCompletionChunk> extends ReadOnceStream<Chunk> {
  /** Usage reported by the upstream, once the stream has ended. */
  usage: Usage | undefined;
  readonly llmux: ResponseMetadata;
  private readonly primed: Chunk[];
  private primedTaken = 0;
  private readonly includeUsage: boolean;
  private readonly price: CostFunction;
  private readonly endListeners: StreamEndListener[] = [];
  private readonly startedAt: number;

  constructor(primed: Chunk[], rest: AsyncIterator<Chunk>, options: { includeUsage: boolean; metadata: ResponseMetadata; price: CostFunction; startedAt: number }) {
    super('completion stream', rest);
    this.startedAt = options.startedAt;
    this.primed = primed;
    this.includeUsage = options.includeUsage;
    this.llmux = options.metadata;
    this.price = options.price;
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

  protected next(): Promise<IteratorResult<Chunk>> {
    while (this.primedTaken < this.primed.length) {
      const out = this.observe(this.primed[this.primedTaken++] as Chunk);
      if (out !== undefined) return Promise.resolve({ done: false, value: out });
    }
    if (this.ended) return Promise.resolve(END_OF_STREAM);
    return this.source.next().then(this.onStep, this.onFailure);
  }

  private readonly onStep = (step: IteratorResult<Chunk>): IteratorResult<Chunk> | Promise<IteratorResult<Chunk>> => {
    if (step.done === true) {
      this.end(undefined);
      return END_OF_STREAM;
    }
    const out = this.observe(step.value);
    // A usage-only chunk the caller did not ask for: read on.
    return out === undefined ? this.next() : { done: false, value: out };
  };

  protected whenEnded(error: unknown): void {
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
