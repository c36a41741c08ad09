// The Router inside the gateway, driven by the official openai client: router_settings from
// the config, retries, fallbacks, cooldowns (429 + retry-after), stream fallback before the
// first content, client-side fallbacks, fastest_response and the x-litellm-* headers.

import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startFakeScenarioUpstream, type FakeScenarioServer } from '@llmux/fake-upstreams';
import OpenAI from 'openai';
import { parseConfig } from '../src/index.js';
import { httpRequest } from './helpers/http-request.js';
import { startTestGateway, type TestGateway } from './helpers/start-test-gateway.js';
import { readChatStream } from './helpers/read-chat-stream.js';

const hi = [{ role: 'user' as const, content: 'hi' }];

describe('gateway router', () => {
  let flaky: FakeScenarioServer;
  let down: FakeScenarioServer;
  let throttled: FakeScenarioServer;
  let healthy: FakeScenarioServer;
  let reset: FakeScenarioServer;
  let stall: FakeScenarioServer;
  let gateway: TestGateway;
  let client: OpenAI;

  const deployment = (group: string, server: FakeScenarioServer, id: string, extra: Record<string, unknown> = {}) => ({
    model_name: group,
    litellm_params: { model: 'openai/gpt-4o-mini', api_base: `${server.url}/v1`, api_key: 'sk-upstream', ...extra },
    model_info: { id },
  });

  before(async () => {
    flaky = await startFakeScenarioUpstream({ steps: [{ status: 500 }], name: 'flaky' });
    down = await startFakeScenarioUpstream({ then: { status: 503 }, name: 'down' });
    throttled = await startFakeScenarioUpstream({ then: { status: 429, retryAfter: 0 }, name: 'throttled' });
    healthy = await startFakeScenarioUpstream({ name: 'healthy' });
    reset = await startFakeScenarioUpstream({ then: 'reset', name: 'reset' });
    stall = await startFakeScenarioUpstream({ then: 'stall-mid-stream', name: 'stall' });
    gateway = await startTestGateway({
      model_list: [
        deployment('flaky', flaky, 'flaky-1'),
        deployment('down', down, 'down-1'),
        deployment('healthy', healthy, 'healthy-1'),
        deployment('busy', throttled, 'busy-1'),
        deployment('busy', throttled, 'busy-2'),
        deployment('resets', reset, 'reset-1'),
        // The idle timeout between chunks follows the deployment's `timeout`.
        deployment('stalls', stall, 'stall-1', { timeout: 0.2 }),
      ],
      litellm_settings: { num_retries: 1 },
      router_settings: {
        routing_strategy: 'simple-shuffle',
        retry_backoff: 0.001,
        max_retry_wait: 0.02,
        cooldown_time: 30,
        fallbacks: [{ down: ['healthy'] }, { resets: ['healthy'] }, { stalls: ['healthy'] }],
      },
    });
    client = new OpenAI({ apiKey: 'unused', baseURL: `${gateway.url}/v1`, maxRetries: 0 });
  });
  after(async () => {
    await gateway.close();
    await Promise.all([flaky, down, throttled, healthy, reset, stall].map((server) => server.close()));
  });

  it('retries (litellm_settings.num_retries) and says so in the headers', async () => {
    const { data, response } = await client.chat.completions.create({ model: 'flaky', messages: hi }).withResponse();
    assert.equal(data.choices[0]?.message.content, 'Hello from flaky');
    assert.equal(response.headers.get('x-litellm-model-id'), 'flaky-1');
    assert.equal(response.headers.get('x-litellm-model-group'), 'flaky');
    assert.equal(response.headers.get('x-litellm-attempted-retries'), '1');
    assert.equal(response.headers.get('x-litellm-attempted-fallbacks'), '0');
  });

  it('falls back to another group (router_settings.fallbacks)', async () => {
    const { data, response } = await client.chat.completions.create({ model: 'down', messages: hi }).withResponse();
    assert.equal(data.choices[0]?.message.content, 'Hello from healthy');
    assert.equal(response.headers.get('x-litellm-model-group'), 'healthy');
    assert.equal(response.headers.get('x-litellm-attempted-fallbacks'), '1');
    assert.equal(response.headers.get('x-litellm-attempted-retries'), '1');
  });

  it('answers 429 with retry-after when every deployment is cooling down', async () => {
    const send = () => httpRequest(`${gateway.url}/v1/chat/completions`, { method: 'POST', body: JSON.stringify({ model: 'busy', messages: hi }) });
    const first = await send();
    assert.equal(first.status, 429, 'the upstream 429, after one retry on the other deployment');
    assert.equal(first.headers['x-litellm-attempted-retries'], '1');
    assert.equal(throttled.calls, 2, 'each deployment was called once, then cooled down');
    const second = await send();
    assert.equal(second.status, 429);
    assert.equal(second.headers['retry-after'], '30', 'the group cooldown (cooldown_time: 30)');
    assert.equal((second.json as { error: { code: string } }).error.code, 'no_healthy_deployments');
    await assert.rejects(client.chat.completions.create({ model: 'busy', messages: hi }), (error: unknown) => error instanceof OpenAI.RateLimitError);
    assert.equal(throttled.calls, 2, 'cooled-down deployments are not called');
  });

  it('falls back in a stream when the upstream resets before the first content', async () => {
    const stream = await client.chat.completions.create({ model: 'resets', messages: hi, stream: true });
    const { text } = await readChatStream(stream);
    assert.equal(text, 'Hello from healthy');
  });

  it('ends a stream that stalls after its first content with a terminal error event, not a fallback', async () => {
    const body = JSON.stringify({ model: 'stalls', messages: hi, stream: true });
    const healthyCalls = healthy.calls;
    const response = await httpRequest(`${gateway.url}/v1/chat/completions`, { method: 'POST', body });
    assert.equal(response.status, 200);
    const events = response.text.split('\n\n').filter((event) => event !== '');
    assert.ok(!response.text.includes('[DONE]'));
    const last = JSON.parse(events.at(-1)?.slice(6) ?? '') as { error?: { type: string } };
    assert.equal(last.error?.type, 'timeout');
    assert.equal(healthy.calls, healthyCalls, 'no fallback after the commit point');
  });

  it('takes client-side fallbacks and num_retries in the body', async () => {
    const body = { model: 'down', messages: hi, fallbacks: ['flaky', 'healthy'], num_retries: 0 };
    const response = await httpRequest(`${gateway.url}/v1/chat/completions`, { method: 'POST', body: JSON.stringify(body) });
    assert.equal(response.status, 200, response.text);
    assert.ok(['flaky', 'healthy'].includes(String(response.headers['x-litellm-model-group'])));
    assert.equal(response.headers['x-litellm-attempted-retries'], '0');
  });

  it('answers with the fastest of a comma-separated model list (fastest_response)', async () => {
    const body = { model: 'down,healthy', messages: hi, fastest_response: true };
    const response = await httpRequest(`${gateway.url}/v1/chat/completions`, { method: 'POST', body: JSON.stringify(body) });
    assert.equal(response.status, 200, response.text);
    assert.equal(response.headers['x-litellm-model-group'], 'healthy');
  });

  it('rejects a bad router setting at load, naming it', () => {
    assert.throws(() => parseConfig({ model_list: [], router_settings: { routing_strategy: 'fastest' } }, 'test config'), /router_settings\.routing_strategy/);
    assert.throws(() => parseConfig({ model_list: [], router_settings: { num_retries: 'two' } }, 'test config'), /router_settings\.num_retries/);
  });
});
