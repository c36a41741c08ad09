// LiteLLM's prompt caching and provider parameters through the public completion() to the
// fake Anthropic API, which plays the cache: the marks reach it, the second call reads the
// prefix the first wrote, and the canonical usage (and completionCost) carries both counts.

import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { startFakeAnthropicUpstream } from '@llmux/fake-upstreams';
import { completionCost } from '../../index.js';
import { completionThrough, useFakeUpstream } from '../__fixtures__/use-fake-upstream.js';

const API_KEY = 'sk-ant-cache-0123456789';
const PREAMBLE = 'rule '.repeat(1200).trim();

describe('anthropic prompt caching and provider parameters through completion()', () => {
  const upstream = useFakeUpstream((reply) => startFakeAnthropicUpstream({ apiKey: API_KEY, reply }), { content: 'ok' });
  const { call } = completionThrough(upstream, {
    model: 'anthropic/claude-sonnet-4-5',
    api_key: API_KEY,
    max_tokens: 64,
    messages: [
      { role: 'system', content: PREAMBLE, cache_control: { type: 'ephemeral' } },
      { role: 'user', content: 'q' },
    ],
  });

  it('writes, then reads, the marked prefix, and prices the read below the write', async () => {
    const first = await call({});
    assert.deepEqual((upstream.fake.requests.at(-1)?.json as { system: unknown }).system, [{ type: 'text', text: PREAMBLE, cache_control: { type: 'ephemeral' } }]);
    assert.deepEqual([first.usage?.prompt_tokens, first.usage?.cache_creation_input_tokens, first.usage?.prompt_tokens_details?.cached_tokens], [1201, 1200, 0]);
    const second = await call({});
    assert.deepEqual([second.usage?.prompt_tokens, second.usage?.cache_read_input_tokens, second.usage?.prompt_tokens_details?.cached_tokens], [1201, 1200, 1200]);
    const [written, read] = [completionCost({ completion_response: first }), completionCost({ completion_response: second })];
    // Sonnet 4.5: $3.75/M to write the cache, $0.30/M to read it, $3/M input, $15/M output.
    assert.ok(Math.abs(written - (1200 * 3.75e-6 + 1 * 3e-6 + 5 * 15e-6)) < 1e-12, `write cost ${written}`);
    assert.ok(Math.abs(read - (1200 * 0.3e-6 + 1 * 3e-6 + 5 * 15e-6)) < 1e-12, `read cost ${read}`);
  });

  it('sends top_k and thinking', async () => {
    await call({ top_k: 3, thinking: { type: 'enabled', budget_tokens: 1024 }, max_tokens: 2000 });
    const body = upstream.fake.requests.at(-1)?.json as Record<string, unknown>;
    assert.deepEqual([body['top_k'], body['thinking']], [3, { type: 'enabled', budget_tokens: 1024 }]);
  });
});
