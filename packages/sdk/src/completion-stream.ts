// The stream `completion({ stream: true })` returns: an async iterable of canonical chunks
// that also records usage and cost as they pass, and hides the usage-only chunk when the
// caller did not ask for it (llmux always asks the upstream, to price every call).

import type { ChatCompletionChunk, Usage } from './spec/index.js';
import type { ResponseMetadata } from './response-metadata.js';

export type CostFunction = (usage: Usage, durationMs: number) => number | null;

export class CompletionStream implements AsyncIterable<ChatCompletionChunk> {
  /** Usage reported by the upstream, once the stream has ended. */
  usage: Usage | undefined;
  readonly llmux: ResponseMetadata;
  private readonly primed: ChatCompletionChunk[];
  private readonly rest: AsyncIterator<ChatCompletionChunk>;
  private readonly includeUsage: boolean;
  private readonly price: CostFunction;
  private started = false;
  private readonly startedAt: number;

  constructor(
    primed: ChatCompletionChunk[],
    rest: AsyncIterator<ChatCompletionChunk>,
    options: { includeUsage: boolean; metadata: ResponseMetadata; price: CostFunction; startedAt: number },
  ) {
    this.startedAt = options.startedAt;
    this.primed = primed;
    this.rest = rest;
    this.includeUsage = options.includeUsage;
    this.llmux = options.metadata;
    this.price = options.price;
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<ChatCompletionChunk> {
    if (this.started) throw new Error('a completion stream can be iterated only once');
    this.started = true;
    let finished = false;
    try {
      for (const chunk of this.primed) {
        const out = this.observe(chunk);
        if (out !== undefined) yield out;
      }
      this.primed.length = 0;
      for (;;) {
        const next = await this.rest.next();
        if (next.done === true) break;
        const out = this.observe(next.value);
        if (out !== undefined) yield out;
      }
      finished = true;
    } finally {
      if (!finished) await this.rest.return?.();
    }
  }

  /** Abandons the stream and releases the upstream connection. */
  async cancel(): Promise<void> {
    await this.rest.return?.();
  }

  private observe(chunk: ChatCompletionChunk): ChatCompletionChunk | undefined {
    if (chunk.usage !== undefined && chunk.usage !== null) {
      this.usage = chunk.usage;
      this.llmux.durationMs = performance.now() - this.startedAt;
      this.llmux.cost = this.price(chunk.usage, this.llmux.durationMs);
      if (!this.includeUsage) {
        if (chunk.choices.length === 0) return undefined;
        const { usage: _usage, ...withoutUsage } = chunk;
        return withoutUsage;
      }
    }
    return chunk;
  }
}

/** True once a chunk carries something a client would show: the stream's commit point. */
export function carriesContent(chunk: ChatCompletionChunk): boolean {
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
export async function primeStream(
  iterator: AsyncIterator<ChatCompletionChunk>,
): Promise<ChatCompletionChunk[]> {
  const primed: ChatCompletionChunk[] = [];
  try {
    for (;;) {
      const next = await iterator.next();
      if (next.done === true) return primed;
      primed.push(next.value);
      if (carriesContent(next.value)) return primed;
    }
  } catch (error) {
    await iterator.return?.().catch(() => undefined);
    throw error;
  }
}
