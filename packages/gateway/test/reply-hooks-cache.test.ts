// A during_call check and the response cache: a cache hit answers without the upstream call,
// so the check is awaited before the cache lookup there, and a cached reply never goes out
// past a check that refuses (here, a guardrail service that fails closed). A post_call check
// is never skipped by a hit: such a call is not answered from the cache.

import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startFakeGenericGuardrail, startFakeOpenAIUpstream, type FakeGenericGuardrail, type FakeServer } from '@llmux/fake-upstreams';
import OpenAI from 'openai';
import { startTestGateway, type TestGateway } from './helpers/start-test-gateway.js';

describe('reply hooks: during_call with the response cache', () => {
  let upstream: FakeServer;
  let service: FakeGenericGuardrail;
  let gateway: TestGateway;
  let client: OpenAI;

  before(async () => {
    upstream = await startFakeOpenAIUpstream({ reply: () => ({ content: 'Cached answer' }) });
    service = await startFakeGenericGuardrail({ blockWord: 'forbidden' });
    gateway = await startTestGateway({
      model_list: [{ model_name: 'gpt', litellm_params: { model: 'openai/gpt-4o-mini', api_base: `${upstream.url}/v1`, api_key: 'sk-upstream' } }],
      litellm_settings: { cache: true },
      guardrails: [
        { guardrail_name: 'beside', litellm_params: { guardrail: 'generic_guardrail_api', mode: 'during_call', default_on: true, api_base: service.url } },
        // Masks "answer" in replies, when a request names it.
        { guardrail_name: 'reply-check', litellm_params: { guardrail: 'litellm_content_filter', mode: 'post_call', blocked_words: [{ keyword: 'answer', action: 'MASK' }] } },
      ],
    });
    client = new OpenAI({ apiKey: 'sk-any', baseURL: `${gateway.url}/v1`, maxRetries: 0 });
  });
  after(async () => {
    await gateway.close();
    await Promise.all([upstream.close(), service.close()]);
  });

  it('a cache hit is still held by the check: a failing check refuses it', async () => {
    const ask = () => client.chat.completions.create({ model: 'gpt', messages: [{ role: 'user', content: 'the same question' }] });
    assert.equal((await ask()).choices[0]?.message.content, 'Cached answer');
    const calls = upstream.requests.length;
    assert.equal((await ask()).choices[0]?.message.content, 'Cached answer');
    assert.equal(upstream.requests.length, calls, 'the second answer was a cache hit');
    service.failStatus = 500;
    const error = await ask().catch((caught: unknown) => caught);
    service.failStatus = undefined;
    assert.ok(error instanceof OpenAI.APIError);
    assert.equal(error.status, 503);
    assert.match(error.message, /beside/);
  });

  it('a call with a post_call check is never answered from the cache a caller without it filled', async () => {
    const question = [{ role: 'user' as const, content: 'a question asked twice' }];
    // Stored by a call without the reply check...
    await client.chat.completions.create({ model: 'gpt', messages: question });
    const calls = upstream.requests.length;
    // ...then the same question with a post_call guardrail: it goes upstream, and is checked.
    // @ts-expect-error LiteLLM's request field
    const checked = await client.chat.completions.create({ model: 'gpt', messages: question, guardrails: ['reply-check'] });
    assert.equal(upstream.requests.length, calls + 1, 'no cache hit past a reply check');
    assert.equal(checked.choices[0]?.message.content, 'Cached [KEYWORD_REDACTED]');
  });
});
