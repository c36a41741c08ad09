// LiteLLM's budget routing through the gateway with the official openai client:
// `provider_budget_config` skips a provider once its spend in the period reached its budget,
// fails with LiteLLM's "No deployments available - crossed budget" 429 when every provider
// is spent, lets a configured fallback group serve, honours a deployment's own max_budget,
// reports GET /provider/budgets, and keeps spent budgets across a restart (from the store).
// Periods are long (30d, 1mo): they align to the clock, and no test may straddle a period's end.

import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import OpenAI, { APIError } from 'openai';
import { startFakeOpenAIUpstream, type FakeServer } from '@llmux/fake-upstreams';
import { managementClient } from './helpers/management-client.js';
import { startTestGateway } from './helpers/start-test-gateway.js';

const MASTER_KEY = 'sk-master-provider-budgets';
const hi = [{ role: 'user' as const, content: 'hi' }];
const PRICES = { input_cost_per_token: 1e-6, output_cost_per_token: 2e-6 };
/** Spent by the first call (a few tokens at 1e-6 $/token cost more). */
const TINY = 1e-9;

function client(url: string): OpenAI {
  return new OpenAI({ apiKey: MASTER_KEY, baseURL: `${url}/v1`, maxRetries: 0 });
}

async function refusal(call: Promise<unknown>): Promise<APIError> {
  try {
    await call;
  } catch (error) {
    assert.ok(error instanceof APIError, String(error));
    return error;
  }
  assert.fail('the call was served');
}

describe('provider budget routing (LiteLLM provider_budget_config)', () => {
  let openaiUpstream: FakeServer;
  let groqUpstream: FakeServer;

  const modelList = (extra: Record<string, unknown> = {}) => [
    // `order` makes the OpenAI deployment the first choice whenever it is within budget.
    { model_name: 'gpt', litellm_params: { model: 'openai/gpt-4o-mini', api_base: `${openaiUpstream.url}/v1`, api_key: 'sk-a', order: 1, ...PRICES, ...extra } },
    { model_name: 'gpt', litellm_params: { model: 'groq/llama-3.1-8b-instant', api_base: `${groqUpstream.url}/v1`, api_key: 'sk-b', order: 2, ...PRICES } },
  ];

  before(async () => {
    openaiUpstream = await startFakeOpenAIUpstream();
    groqUpstream = await startFakeOpenAIUpstream();
  });
  after(async () => {
    await Promise.all([openaiUpstream.close(), groqUpstream.close()]);
  });

  const served = () => ({ openai: openaiUpstream.requests.length, groq: groqUpstream.requests.length });

  it('skips a provider whose budget is spent, then fails with "crossed budget for provider" once every provider is spent', async () => {
    const gateway = await startTestGateway({
      model_list: modelList(),
      router_settings: {
        routing_strategy: 'provider-budget-routing',
        provider_budget_config: { openai: { budget_limit: TINY, time_period: '1mo' }, groq: { budget_limit: TINY, time_period: '30d' } },
      },
      general_settings: { master_key: MASTER_KEY },
    });
    try {
      const start = served();
      await client(gateway.url).chat.completions.create({ model: 'gpt', messages: hi });
      assert.deepEqual(served(), { openai: start.openai + 1, groq: start.groq }, 'the first call goes to openai (order 1)');
      await client(gateway.url).chat.completions.create({ model: 'gpt', messages: hi });
      assert.deepEqual(served(), { openai: start.openai + 1, groq: start.groq + 1 }, 'openai is over its budget: groq serves');

      const error = await refusal(client(gateway.url).chat.completions.create({ model: 'gpt', messages: hi }));
      assert.equal(error.status, 429);
      assert.match(error.message, /No deployments available - crossed budget for provider: Exceeded budget for provider (openai|groq): [0-9.e-]+ >= 1e-9/);
      assert.match(error.message, /provider openai/);
      assert.match(error.message, /provider groq/);
      assert.equal((error.error as { type?: string }).type, 'budget_exceeded');
      assert.deepEqual(served(), { openai: start.openai + 1, groq: start.groq + 1 }, 'no upstream was called for the refused call');

      const report = await managementClient(gateway.url, MASTER_KEY).get('/provider/budgets');
      assert.equal(report.status, 200);
      const providers = (report.body as { providers: Record<string, { budget_limit: number; time_period: string; spend: number; budget_reset_at: string | null }> }).providers;
      assert.equal(providers['openai']?.budget_limit, TINY);
      assert.equal(providers['groq']?.time_period, '30d');
      assert.ok((providers['openai']?.spend ?? 0) > 0, JSON.stringify(providers));
      assert.ok(Date.parse(providers['openai']?.budget_reset_at ?? '') > Date.now());
    } finally {
      await gateway.close();
    }
  });

  it('a group whose providers are spent falls back to a configured fallback group', async () => {
    const gateway = await startTestGateway({
      model_list: [
        ...modelList().slice(0, 1),
        { model_name: 'backup', litellm_params: { model: 'groq/llama-3.1-8b-instant', api_base: `${groqUpstream.url}/v1`, api_key: 'sk-b' } },
      ],
      router_settings: { provider_budget_config: { openai: { budget_limit: TINY, time_period: '30d' } }, fallbacks: [{ gpt: ['backup'] }] },
    });
    try {
      await client(gateway.url).chat.completions.create({ model: 'gpt', messages: hi });
      const start = served();
      const { response } = await client(gateway.url).chat.completions.create({ model: 'gpt', messages: hi }).withResponse();
      assert.equal(response.headers.get('x-litellm-model-group'), 'backup');
      assert.deepEqual(served(), { openai: start.openai, groq: start.groq + 1 });
    } finally {
      await gateway.close();
    }
  });

  it("a deployment's own max_budget / budget_duration skips that deployment once spent", async () => {
    const gateway = await startTestGateway({ model_list: modelList({ max_budget: TINY, budget_duration: '30d' }) });
    try {
      const start = served();
      await client(gateway.url).chat.completions.create({ model: 'gpt', messages: hi });
      await client(gateway.url).chat.completions.create({ model: 'gpt', messages: hi });
      assert.deepEqual(served(), { openai: start.openai + 1, groq: start.groq + 1 });
    } finally {
      await gateway.close();
    }
  });

  it('a deployment-only budget names the deployment when nothing is left', async () => {
    const gateway = await startTestGateway({ model_list: modelList({ max_budget: TINY }).slice(0, 1) });
    try {
      await client(gateway.url).chat.completions.create({ model: 'gpt', messages: hi });
      const error = await refusal(client(gateway.url).chat.completions.create({ model: 'gpt', messages: hi }));
      assert.equal(error.status, 429);
      assert.match(error.message, /No deployments available - crossed budget: Exceeded budget for deployment model_name: gpt, litellm_params.model: openai\/gpt-4o-mini/);
    } finally {
      await gateway.close();
    }
  });

  it('a restarted gateway keeps a spent provider budget (spend from the store)', async () => {
    const home = mkdtempSync(join(tmpdir(), 'llmux-provider-budgets-'));
    const document = { model_list: modelList(), router_settings: { provider_budget_config: { openai: { budget_limit: TINY, time_period: '30d' } } } };
    try {
      const first = await startTestGateway(document, { ...process.env, LLMUX_HOME: home });
      const start = served();
      try {
        await client(first.url).chat.completions.create({ model: 'gpt', messages: hi });
      } finally {
        // Closing flushes the spend rows to the store.
        await first.close();
      }
      const second = await startTestGateway(document, { ...process.env, LLMUX_HOME: home });
      try {
        await client(second.url).chat.completions.create({ model: 'gpt', messages: hi });
        assert.deepEqual(served(), { openai: start.openai + 1, groq: start.groq + 1 }, 'after the restart openai is still spent');
      } finally {
        await second.close();
      }
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  });
});
