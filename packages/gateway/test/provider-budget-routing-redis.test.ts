// Provider budgets shared by two gateway instances through the real Redis (127.0.0.1:6379,
// or LLMUX_TEST_REDIS_URL), as LiteLLM's multi-instance setup documents: spend instance A
// adds is seen by instance B, which then skips the spent provider. Both places a LiteLLM
// config may name Redis: `router_settings.redis_url` (the budget-routing docs' form) and the
// limits' `general_settings.redis_url`. Skips loudly when Redis is unreachable; never mocked.
// Periods are long (30d, 1mo): they align to the clock, and no test may straddle a period's end.

import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Redis } from 'ioredis';
import OpenAI from 'openai';
import { startFakeOpenAIUpstream, type FakeServer } from '@llmux/fake-upstreams';
import { managementClient } from './helpers/management-client.js';
import { redisAvailable, TEST_REDIS_URL } from './helpers/redis-available.js';
import { startTestGateway, type TestGateway } from './helpers/start-test-gateway.js';

const hasRedis = await redisAvailable();
const MASTER_KEY = 'sk-master-provider-budgets-redis';
const hi = [{ role: 'user' as const, content: 'hi' }];
const PRICES = { input_cost_per_token: 1e-6, output_cost_per_token: 2e-6 };

/** Provider budget counters of earlier runs (same period, same Redis database) would start spent. */
async function forgetBudgetCounters(): Promise<void> {
  const redis = new Redis(TEST_REDIS_URL);
  try {
    const keys = await redis.keys('llmux:spend:route_budget:*');
    if (keys.length > 0) await redis.del(...keys);
  } finally {
    redis.disconnect();
  }
}

async function openaiSpend(gateway: TestGateway): Promise<number> {
  const report = await managementClient(gateway.url, MASTER_KEY).get('/provider/budgets');
  return (report.body as { providers: Record<string, { spend: number }> }).providers['openai']?.spend ?? 0;
}

describe('provider budgets shared through Redis', { skip: hasRedis ? false : `no Redis at ${TEST_REDIS_URL}` }, () => {
  let openaiUpstream: FakeServer;
  let groqUpstream: FakeServer;

  before(async () => {
    openaiUpstream = await startFakeOpenAIUpstream();
    groqUpstream = await startFakeOpenAIUpstream();
  });
  after(async () => {
    await Promise.all([openaiUpstream.close(), groqUpstream.close()]);
  });

  const placements: Array<[string, Record<string, unknown>]> = [
    ['router_settings.redis_url', { router_settings: { redis_url: TEST_REDIS_URL } }],
    ['general_settings.redis_url (the limits counters)', { general_settings: { redis_url: TEST_REDIS_URL } }],
  ];
  for (const [where, redisSettings] of placements) {
    it(`instance B skips the provider instance A spent (Redis in ${where})`, async () => {
      await forgetBudgetCounters();
      const document = {
        model_list: [
          { model_name: 'gpt', litellm_params: { model: 'openai/gpt-4o-mini', api_base: `${openaiUpstream.url}/v1`, api_key: 'sk-a', order: 1, ...PRICES } },
          { model_name: 'gpt', litellm_params: { model: 'groq/llama-3.1-8b-instant', api_base: `${groqUpstream.url}/v1`, api_key: 'sk-b', order: 2, ...PRICES } },
        ],
        general_settings: { master_key: MASTER_KEY, ...(redisSettings['general_settings'] as object | undefined) },
        router_settings: { provider_budget_config: { openai: { budget_limit: 1e-9, time_period: '30d' } }, ...(redisSettings['router_settings'] as object | undefined) },
      };
      const first = await startTestGateway(document);
      const second = await startTestGateway(document);
      try {
        const client = (gateway: TestGateway) => new OpenAI({ apiKey: MASTER_KEY, baseURL: `${gateway.url}/v1`, maxRetries: 0 });
        const start = { openai: openaiUpstream.requests.length, groq: groqUpstream.requests.length };
        await client(first).chat.completions.create({ model: 'gpt', messages: hi });
        assert.equal(openaiUpstream.requests.length, start.openai + 1, 'A called openai');
        // A writes its spend to Redis after the reply; B reads Redis on each call.
        for (let attempt = 0; attempt < 100 && (await openaiSpend(second)) === 0; attempt += 1) await new Promise((resolve) => setTimeout(resolve, 20));
        assert.ok((await openaiSpend(second)) > 0, "B sees A's openai spend");
        await client(second).chat.completions.create({ model: 'gpt', messages: hi });
        assert.equal(openaiUpstream.requests.length, start.openai + 1, 'B did not call openai');
        assert.equal(groqUpstream.requests.length, start.groq + 1, 'B routed to groq');
      } finally {
        await Promise.all([first.close(), second.close()]);
      }
    });
  }
});
