// Shared pieces of the passthrough tests: a Messages body with everything a translation
// would lose (cache_control system blocks and tools, thinking, metadata, a server tool, a
// PDF with citations, a field no one knows), the client headers, and a priced cache usage.

import { strict as assert } from 'node:assert';
import type { FakeChatReply, FakeServer, RecordedRequest } from '@llmux/fake-upstreams';
import type { LlmuxError, NativeReply, NativeStreamReply, Usage } from '../../index.js';

/** The model name the client sent (a gateway model group); deployments replace it. */
export const CLIENT_MODEL = 'claude-code-sonnet';

export const BETA_HEADER = 'oauth-2025-04-20, interleaved-thinking-2025-05-14';
/** The one of them Bedrock and Vertex accept; they refuse calls naming the other. */
export const PLATFORM_BETAS = ['interleaved-thinking-2025-05-14'];

/** What a client might send beside the betas; auth must never be forwarded. */
export const CLIENT_HEADERS: Readonly<Record<string, string>> = {
  'anthropic-beta': BETA_HEADER,
  authorization: 'Bearer sk-client-virtual-key',
  'x-api-key': 'sk-client-virtual-key',
  cookie: 'session=client',
};

export function createRichBody(stream: boolean): Record<string, unknown> {
  return {
    model: CLIENT_MODEL,
    max_tokens: 2048,
    ...(stream ? { stream: true } : {}),
    system: [
      { type: 'text', text: 'You are Claude Code.', cache_control: { type: 'ephemeral' } },
      { type: 'text', text: 'Project notes: keep diffs small.', cache_control: { type: 'ephemeral', ttl: '1h' } },
    ],
    messages: [
      {
        role: 'user',
        content: [
          { type: 'document', source: { type: 'base64', media_type: 'application/pdf', data: 'JVBERi0xLjQKJeLjz9MK' }, citations: { enabled: true }, title: 'spec.pdf' },
          { type: 'text', text: 'Summarise the spec, then search the web for its errata.', cache_control: { type: 'ephemeral' } },
        ],
      },
    ],
    thinking: { type: 'enabled', budget_tokens: 1024 },
    metadata: { user_id: 'user-7f3a' },
    tools: [
      { type: 'web_search_20250305', name: 'web_search', max_uses: 3 },
      { name: 'read_file', description: 'Read a file', input_schema: { type: 'object', properties: { path: { type: 'string' } }, required: ['path'] }, cache_control: { type: 'ephemeral' } },
    ],
    tool_choice: { type: 'auto', disable_parallel_tool_use: false },
    temperature: 1,
    context_management: { edits: [{ type: 'clear_tool_uses_20250919' }] },
    x_future_field: { nested: [1, 'two', null, true] },
  };
}

/** 1,200 prompt tokens of which 900 were read from the cache and 200 written to it. */
export const CACHE_REPLY: FakeChatReply = {
  reasoning: 'The user wants a summary first.',
  content: 'The spec defines three endpoints and one error shape.',
  usage: { promptTokens: 1200, completionTokens: 40, cachedTokens: 900, cacheWriteTokens: 200 },
};

export const CACHE_USAGE = {
  prompt_tokens: 1200,
  completion_tokens: 40,
  total_tokens: 1240,
  prompt_tokens_details: { cached_tokens: 900 },
  cache_creation_input_tokens: 200,
  cache_read_input_tokens: 900,
};

/** Per-token prices given as overrides, so the expected cost is plain arithmetic. */
export const PRICES = {
  input_cost_per_token: 3e-6,
  output_cost_per_token: 15e-6,
  cache_read_input_token_cost: 0.3e-6,
  cache_creation_input_token_cost: 3.75e-6,
};

/** 100 uncached input, 900 cache reads, 200 cache writes, 40 output tokens. */
const EXPECTED_COST = 100 * 3e-6 + 900 * 0.3e-6 + 200 * 3.75e-6 + 40 * 15e-6;

export function without(value: unknown, keys: readonly string[]): Record<string, unknown> {
  const copy = { ...(value as Record<string, unknown>) };
  for (const key of keys) delete copy[key];
  return copy;
}

export async function readAll(stream: AsyncIterable<Buffer>): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const chunk of stream) parts.push(chunk);
  return Buffer.concat(parts);
}

/** The cache usage above, priced at PRICES: what every Claude passthrough must report. */
export function assertCachePriced(reply: NativeReply): void {
  assert.deepEqual(reply.usage, CACHE_USAGE);
  assert.ok(Math.abs((reply.llmux.cost ?? 0) - EXPECTED_COST) < 1e-12, `cost ${reply.llmux.cost} ≈ ${EXPECTED_COST}`);
}

/** The call the fake received last (each test's own). */
export function lastRequest(fake: FakeServer): RecordedRequest {
  const sent = fake.requests.at(-1);
  assert.ok(sent !== undefined, 'the fake received the call');
  return sent;
}

export function asStream(reply: NativeReply): NativeStreamReply {
  assert.equal(reply.kind, 'stream');
  return reply as NativeStreamReply;
}

/** Anthropic's error body (as Anthropic and Claude on Vertex send it) as the fake's reply. */
export function anthropicErrorReply(status: number, type: string, message: string, headers: Record<string, string> = {}): FakeChatReply {
  return { error: { status, body: { type: 'error', error: { type, message } }, headers } };
}

/** What onEnd reported (calls counts them: it must be once). */
export function watchEnd(reply: NativeStreamReply): { calls: Array<[Usage | undefined, unknown]> } {
  const seen = { calls: [] as Array<[Usage | undefined, unknown]> };
  reply.onEnd((usage, error) => seen.calls.push([usage, error]));
  return seen;
}

/** Reads a stream that must fail: the bytes before the failure and the error thrown. */
export async function readUntilError(stream: AsyncIterable<Buffer>): Promise<{ bytes: Buffer; error: unknown }> {
  const parts: Buffer[] = [];
  try {
    for await (const chunk of stream) parts.push(chunk);
  } catch (error) {
    return { bytes: Buffer.concat(parts), error };
  }
  assert.fail('the stream ended without an error');
}

/** Reads a stream that must fail; onEnd must have reported that error once, with the usage known so far. */
export async function readFailingStream(reply: NativeStreamReply): Promise<{ bytes: Buffer; error: unknown }> {
  const ends = watchEnd(reply);
  const failure = await readUntilError(reply);
  assert.deepEqual(ends.calls, [[reply.usage, failure.error]]);
  return failure;
}

/** A typed error from the right provider, with the upstream's retry-after where it sent one. */
export function isTypedError(error: unknown, ErrorClass: abstract new (...args: never[]) => LlmuxError, provider: string, retryAfterSeconds?: number): boolean {
  assert.ok(error instanceof ErrorClass, `got ${String(error)}`);
  assert.equal(error.provider, provider);
  if (retryAfterSeconds !== undefined) assert.equal(error.retryAfterSeconds, retryAfterSeconds);
  return true;
}
