// Claude's prompt cache as the fakes play it (Anthropic, Vertex, Bedrock): a prompt is a
// sequence of segments (tools, then system, then messages, block by block), some of them
// marked as breakpoints. A breakpoint's prefix is cached once it is at least the minimum
// cacheable length (1024 tokens for Sonnet and Opus); a later request with the same prefix
// reads it back. Usage follows Anthropic's accounting: the longest prefix found is read, the
// rest up to the last breakpoint is written.

import { createHash } from 'node:crypto';
import type { FakeChatReply } from './fake-chat-reply.js';
import { fakeTokenCount } from './fake-token-count.js';

const FAKE_MIN_CACHEABLE_TOKENS = 1024;

export interface FakePromptSegment {
  /** What the prefix hash covers: the block without its cache mark. */
  content: unknown;
  tokens: number;
  /** The prefix up to and including this segment is a cache breakpoint. */
  breakpoint: boolean;
}

interface FakeCacheUsage {
  promptTokens: number;
  cachedTokens: number;
  cacheWriteTokens: number;
}

export class FakePromptCache {
  private readonly prefixes = new Set<string>();

  /** The usage of a prompt, undefined when it has no breakpoint (the fakes' default usage then applies). */
  use(segments: readonly FakePromptSegment[]): FakeCacheUsage | undefined {
    const hash = createHash('sha256');
    let tokens = 0;
    const breakpoints: Array<{ key: string; tokens: number }> = [];
    for (const segment of segments) {
      hash.update(JSON.stringify(segment.content));
      tokens += segment.tokens;
      if (segment.breakpoint) breakpoints.push({ key: hash.copy().digest('hex'), tokens });
    }
    if (breakpoints.length === 0) return undefined;
    const cacheable = breakpoints.filter((point) => point.tokens >= FAKE_MIN_CACHEABLE_TOKENS);
    const read = cacheable.filter((point) => this.prefixes.has(point.key)).reduce((longest, point) => Math.max(longest, point.tokens), 0);
    const last = cacheable.at(-1);
    const written = last === undefined || this.prefixes.has(last.key) ? 0 : last.tokens - read;
    for (const point of cacheable) this.prefixes.add(point.key);
    return { promptTokens: tokens, cachedTokens: read, cacheWriteTokens: written };
  }
}

/** Tokens of a block: the words of its text, or of its JSON for other blocks. */
export function fakeBlockTokens(block: unknown): number {
  if (typeof block === 'string') return fakeTokenCount(block);
  if (typeof block === 'object' && block !== null && typeof (block as { text?: unknown }).text === 'string') return fakeTokenCount((block as { text: string }).text);
  return fakeTokenCount(JSON.stringify(block).replace(/[{}[\]",:]/g, ' '));
}

/** A reply with the cache's usage, unless the test set a usage of its own or nothing is marked. */
export function withFakeCacheUsage(reply: FakeChatReply, cache: FakePromptCache, segments: () => FakePromptSegment[]): FakeChatReply {
  if (reply.usage !== undefined) return reply;
  const usage = cache.use(segments());
  return usage === undefined ? reply : { ...reply, usage: { ...usage, completionTokens: 5 } };
}
