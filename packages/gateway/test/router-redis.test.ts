// Two gateway instances sharing router state through the real Redis (127.0.0.1:6379, or
// LLMUX_TEST_REDIS_URL): a cooldown one instance starts is honoured by the other, including
// an instance started afterwards. Skips loudly when Redis is unreachable; never mocked.

import * as assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { startFakeScenarioUpstream, type FakeScenarioServer } from '@llmux/fake-upstreams';
import OpenAI from 'openai';
import { redisAvailable, TEST_REDIS_URL } from './helpers/redis-available.js';
import { startTestGateway, type TestGateway } from './helpers/start-test-gateway.js';

const hasRedis = await redisAvailable();
const hi = [{ role: 'user' as const, content: 'hi' }];

async function waitFor(condition: () => boolean, what: string): Promise<void> {
  for (let waited = 0; waited < 3_000; waited += 10) {
    if (condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  assert.fail(`timed out waiting until ${what}`);
}

describe('router state shared through Redis', { skip: hasRedis ? false : `no Redis at ${TEST_REDIS_URL}` }, () => {
  const run = randomUUID();
  const throttledId = `throttled-${run}`;
  const healthyId = `healthy-${run}`;
  let throttled: FakeScenarioServer;
  let healthy: FakeScenarioServer;
  const gateways: TestGateway[] = [];

  const start = async (): Promise<TestGateway> => {
    const gateway = await startTestGateway({
      model_list: [
        // `order` makes every instance try the throttled deployment first, unless it knows of its cooldown.
        { model_name: 'm', litellm_params: { model: 'openai/gpt-4o-mini', api_base: `${throttled.url}/v1`, api_key: 'sk-x', order: 1 }, model_info: { id: throttledId } },
        { model_name: 'm', litellm_params: { model: 'openai/gpt-4o-mini', api_base: `${healthy.url}/v1`, api_key: 'sk-x', order: 2 }, model_info: { id: healthyId } },
      ],
      router_settings: { redis_url: TEST_REDIS_URL, cooldown_time: 30, num_retries: 1, retry_backoff: 0.001, max_retry_wait: 0.02 },
    });
    gateways.push(gateway);
    return gateway;
  };
  const client = (gateway: TestGateway) => new OpenAI({ apiKey: 'unused', baseURL: `${gateway.url}/v1`, maxRetries: 0 });

  before(async () => {
    throttled = await startFakeScenarioUpstream({ then: { status: 429, retryAfter: 0 } });
    healthy = await startFakeScenarioUpstream({ name: 'healthy' });
  });
  after(async () => {
    await Promise.all(gateways.map((gateway) => gateway.close()));
    await Promise.all([throttled.close(), healthy.close()]);
  });

  it('honours on instance B a cooldown that instance A started', async () => {
    const first = await start();
    const second = await start();
    const { response } = await client(first).chat.completions.create({ model: 'm', messages: hi }).withResponse();
    assert.equal(response.headers.get('x-litellm-model-id'), healthyId);
    assert.equal(response.headers.get('x-litellm-attempted-retries'), '1', 'A tried the throttled deployment first');
    assert.equal(throttled.calls, 1);

    const store = second.gateway.router.stateStore;
    await waitFor(() => store.cooldownUntil(throttledId, Date.now()) !== undefined, 'B hears of the cooldown');
    const fromB = await client(second).chat.completions.create({ model: 'm', messages: hi }).withResponse();
    assert.equal(fromB.response.headers.get('x-litellm-model-id'), healthyId);
    assert.equal(fromB.response.headers.get('x-litellm-attempted-retries'), '0', 'B skipped the cooled-down deployment');
    assert.equal(throttled.calls, 1, 'B never called the throttled deployment');
  });

  it('shares per-minute usage (usage-based routing, rpm/tpm checks) across instances', async () => {
    const [first, second] = gateways as [TestGateway, TestGateway];
    // Counters are per minute: start well inside one, so the check never straddles two.
    const leftMs = 60_000 - (Date.now() % 60_000);
    if (leftMs < 5_000) await new Promise((resolve) => setTimeout(resolve, leftMs + 10));
    const before = second.gateway.router.stateStore.usage(healthyId, Date.now()).tokens;
    first.gateway.router.stateStore.addUsage(healthyId, 1, 500, Date.now());
    await waitFor(() => second.gateway.router.stateStore.usage(healthyId, Date.now()).tokens >= before + 500, 'B sees the tokens A counted');
  });

  it('loads running cooldowns into an instance started later', async () => {
    const late = await start();
    assert.ok(late.gateway.router.stateStore.cooldownUntil(throttledId, Date.now()) !== undefined);
    const { response } = await client(late).chat.completions.create({ model: 'm', messages: hi }).withResponse();
    assert.equal(response.headers.get('x-litellm-attempted-retries'), '0');
    assert.equal(throttled.calls, 1);
  });
});
