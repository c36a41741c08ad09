// LiteLLM's rate-limit and latency headers on every governed call, whatever the dialect and
// whether it streams: the tightest `x-ratelimit-*` set, LiteLLM's per-descriptor set
// (`x-ratelimit-api_key-remaining-requests`, `-team-`, `-end_user-`, `-model_per_key-`, …),
// and `x-litellm-overhead-duration-ms` on streams (measured up to the first byte, since the
// headers leave then). Through the openai and Anthropic clients against a SQLite gateway.

import * as assert from 'node:assert/strict';
import Anthropic from '@anthropic-ai/sdk';
import { describe } from 'node:test';
import type { GovernedGateway } from './helpers/governed-gateway.js';
import { governedTests } from './helpers/governed-tests.js';

const hello = [{ role: 'user' as const, content: 'hi' }];

/** The headers of one call of each dialect, plain and streamed, made with `key`. */
async function callEveryDialect(setup: GovernedGateway, key: string): Promise<Array<[string, Headers]>> {
  const openai = setup.openai(key);
  const anthropic = new Anthropic({ apiKey: key, baseURL: setup.gateway.url, maxRetries: 0 });
  const calls: Array<[string, Headers]> = [];
  calls.push(['chat', (await openai.chat.completions.create({ model: 'gpt-a', messages: hello }).withResponse()).response.headers]);
  const chatStream = await openai.chat.completions.create({ model: 'gpt-a', messages: hello, stream: true }).withResponse();
  for await (const chunk of chatStream.data) void chunk;
  calls.push(['chat stream', chatStream.response.headers]);
  calls.push(['messages', (await anthropic.messages.create({ model: 'gpt-a', max_tokens: 16, messages: hello }).withResponse()).response.headers]);
  const messagesStream = await anthropic.messages.create({ model: 'gpt-a', max_tokens: 16, messages: hello, stream: true }).withResponse();
  for await (const event of messagesStream.data) void event;
  calls.push(['messages stream', messagesStream.response.headers]);
  calls.push(['responses', (await openai.responses.create({ model: 'gpt-a', input: 'hi' }).withResponse()).response.headers]);
  const responsesStream = await openai.responses.create({ model: 'gpt-a', input: 'hi', stream: true }).withResponse();
  for await (const event of responsesStream.data) void event;
  calls.push(['responses stream', responsesStream.response.headers]);
  return calls;
}

describe('LiteLLM rate-limit and latency headers on every governed call', () => {
  const itWithGateway = governedTests('sqlite');

  itWithGateway('x-ratelimit-{limit,remaining}-{requests,tokens} count down on chat, messages and responses, plain and streamed', async (setup) => {
    const key = String((await setup.admin.post('/key/generate', { rpm_limit: 100, tpm_limit: 1_000_000 })).body['key']);
    const calls = await callEveryDialect(setup, key);
    calls.forEach(([name, headers], index) => {
      assert.equal(headers.get('x-ratelimit-limit-requests'), '100', name);
      // Each call counts one request, so the remaining count says which call this was.
      assert.equal(headers.get('x-ratelimit-remaining-requests'), String(99 - index), name);
      assert.equal(headers.get('x-ratelimit-limit-tokens'), '1000000', name);
      const tokensLeft = Number(headers.get('x-ratelimit-remaining-tokens'));
      assert.ok(tokensLeft > 0 && tokensLeft < 1_000_000, `${name}: ${tokensLeft}`);
    });
  });

  itWithGateway("LiteLLM's per-descriptor headers name each limit: api_key, team, end_user and model_per_key", async (setup) => {
    const team = String((await setup.admin.post('/team/new', { team_alias: 'rl-team', rpm_limit: 7 })).body['team_id']);
    await setup.admin.post('/customer/new', { user_id: 'rl-customer', rpm_limit: 9 });
    const created = await setup.admin.post('/key/generate', { team_id: team, rpm_limit: 20, max_parallel_requests: 4, model_rpm_limit: { 'gpt-a': 5 } });
    const key = String(created.body['key']);
    const { response } = await setup.openai(key).chat.completions.create({ model: 'gpt-a', messages: hello, user: 'rl-customer' }).withResponse();
    const headers = response.headers;
    assert.equal(headers.get('x-ratelimit-api_key-limit-requests'), '20');
    assert.equal(headers.get('x-ratelimit-api_key-remaining-requests'), '19');
    // The call holds one of the key's parallel slots while its headers are written.
    assert.equal(headers.get('x-ratelimit-api_key-limit-max_parallel_requests'), '4');
    assert.equal(headers.get('x-ratelimit-api_key-remaining-max_parallel_requests'), '3');
    assert.equal(headers.get('x-ratelimit-team-limit-requests'), '7');
    assert.equal(headers.get('x-ratelimit-team-remaining-requests'), '6');
    assert.equal(headers.get('x-ratelimit-end_user-limit-requests'), '9');
    assert.equal(headers.get('x-ratelimit-end_user-remaining-requests'), '8');
    assert.equal(headers.get('x-ratelimit-model_per_key-limit-requests'), '5');
    assert.equal(headers.get('x-ratelimit-model_per_key-remaining-requests'), '4');
    // The OpenAI-style pair reports the tightest of them: the per-model limit.
    assert.equal(headers.get('x-ratelimit-limit-requests'), '5');
    assert.equal(headers.get('x-ratelimit-remaining-requests'), '4');
    // No token limit anywhere: no token headers (LiteLLM's None), not a made-up number.
    assert.equal(headers.get('x-ratelimit-limit-tokens'), null);
  });

  itWithGateway('a key without rate limits gets no x-ratelimit-* (nothing limits it; the provider account quota is not revealed)', async (setup) => {
    const key = String((await setup.admin.post('/key/generate', { max_budget: 10 })).body['key']);
    const { response } = await setup.openai(key).chat.completions.create({ model: 'gpt-a', messages: hello }).withResponse();
    for (const [name] of response.headers) assert.doesNotMatch(name, /^x-ratelimit-|^llm_provider-/, name);
    assert.equal(response.headers.get('x-litellm-key-spend'), '0');
  });

  itWithGateway('x-litellm-overhead-duration-ms and -response-duration-ms are on every reply, streams included (overhead up to the first byte)', async (setup) => {
    const key = String((await setup.admin.post('/key/generate', {})).body['key']);
    for (const [name, headers] of await callEveryDialect(setup, key)) {
      const duration = Number(headers.get('x-litellm-response-duration-ms'));
      const overhead = Number(headers.get('x-litellm-overhead-duration-ms'));
      assert.ok(headers.get('x-litellm-overhead-duration-ms') !== null, `${name}: overhead header`);
      assert.ok(duration > 0 && Number.isFinite(duration), `${name}: duration ${duration}`);
      assert.ok(overhead >= 0 && overhead <= duration, `${name}: overhead ${overhead} of ${duration}`);
    }
  });
});
