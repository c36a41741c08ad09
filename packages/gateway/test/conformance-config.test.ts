// Config forms LiteLLM accepts, each implemented or refused at start by name, never silently
// ignored: `callbacks` as one string, Python custom callbacks, provider-budget-routing (loads),
// default_team_settings, hidden model_group_alias entries, store_prompts_in_spend_logs
// (request and reply on the row, secrets masked, size capped) and disable_spend_logs.

import * as assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import OpenAI from 'openai';
import { startFakeOpenAIUpstream, type FakeServer } from '@llmux/fake-upstreams';
import { parseConfig } from '../src/index.js';
import { managementClient } from './helpers/management-client.js';
import { startTestGateway, type TestGateway } from './helpers/start-test-gateway.js';
import { strictConfigRefusal } from './helpers/strict-config-refusal.js';
import { waitForSpendRows } from './helpers/wait-for-spend-rows.js';

const MASTER_KEY = 'sk-master-conformance-config';

describe('LiteLLM config forms', () => {
  let upstream: FakeServer;
  let directory: string;
  const deployment = () => ({ model: 'openai/gpt-4o-mini', api_base: `${upstream.url}/v1`, api_key: 'sk-upstream' });
  // The spend-log settings' gateway: a priced deployment, keys under the master key, and the setting under test.
  const startPricedGateway = (spendLogSettings: Record<string, boolean>): Promise<TestGateway> =>
    startTestGateway({
      model_list: [{ model_name: 'gpt', litellm_params: { ...deployment(), input_cost_per_token: 1e-6, output_cost_per_token: 2e-6 } }],
      general_settings: { master_key: MASTER_KEY, ...spendLogSettings },
    });

  before(async () => {
    upstream = await startFakeOpenAIUpstream();
    directory = await mkdtemp(join(tmpdir(), 'llmux-conformance-config-'));
  });
  after(async () => {
    await upstream.close();
    await rm(directory, { recursive: true, force: true });
  });

  it('callbacks as a single string runs that callback', async () => {
    const file = join(directory, 'calls.jsonl');
    const gateway = await startTestGateway({
      model_list: [{ model_name: 'gpt', litellm_params: deployment() }],
      litellm_settings: { callbacks: 'file', callback_settings: { file: { path: file, flush_interval: 0.05 } } },
    });
    try {
      const client = new OpenAI({ apiKey: 'unused', baseURL: `${gateway.url}/v1`, maxRetries: 0 });
      await client.chat.completions.create({ model: 'gpt', messages: [{ role: 'user', content: 'hi' }] });
      let text = '';
      for (let attempt = 0; attempt < 40 && text === ''; attempt += 1) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        text = await readFile(file, 'utf8').catch(() => '');
      }
      assert.match(text, /"model_group":"gpt"/);
    } finally {
      await gateway.close();
    }
  });

  it('a Python custom callback (module.instance) is refused at start by name', () => {
    const message = strictConfigRefusal({ model_list: [], litellm_settings: { callbacks: 'custom_callbacks.proxy_handler_instance' } });
    assert.match(message, /litellm_settings\.callbacks/);
    assert.match(message, /Python custom callback/);
  });

  it('routing_strategy: provider-budget-routing with provider_budget_config loads (routing: provider-budget-routing.test.ts)', () => {
    const { config } = parseConfig(
      { model_list: [], router_settings: { routing_strategy: 'provider-budget-routing', provider_budget_config: { openai: { budget_limit: 100, time_period: '1d' } } } },
      'litellm.yaml',
      {},
      { strict: true },
    );
    assert.deepEqual(config.router_settings.provider_budget_config, { openai: { budget_limit: 100, time_period: '1d' } });
  });

  it('litellm_settings.default_team_settings is refused at start by name', () => {
    const message = strictConfigRefusal({ model_list: [], litellm_settings: { default_team_settings: [{ team_id: 't1', success_callback: ['langfuse'] }] } });
    assert.match(message, /litellm_settings\.default_team_settings/);
  });

  it('model_group_alias with hidden: true serves the alias but leaves it out of /v1/models', async () => {
    const gateway = await startTestGateway({
      model_list: [{ model_name: 'gpt', litellm_params: deployment() }],
      router_settings: { model_group_alias: { 'gpt-visible': 'gpt', 'gpt-secret': { model: 'gpt', hidden: true } } },
    });
    try {
      const client = new OpenAI({ apiKey: 'unused', baseURL: `${gateway.url}/v1`, maxRetries: 0 });
      const ids = (await client.models.list()).data.map((model) => model.id);
      assert.ok(ids.includes('gpt-visible'), ids.join(','));
      assert.ok(!ids.includes('gpt-secret'), ids.join(','));
      const reply = await client.chat.completions.create({ model: 'gpt-secret', messages: [{ role: 'user', content: 'hi' }] });
      assert.equal(reply.object, 'chat.completion');
    } finally {
      await gateway.close();
    }
  });

  it('store_prompts_in_spend_logs puts the request messages and the reply on the spend row, secrets masked, size capped', async () => {
    const gateway = await startPricedGateway({ store_prompts_in_spend_logs: true });
    try {
      const key = String((await managementClient(gateway.url, MASTER_KEY).post('/key/generate', {})).body['key']);
      const client = new OpenAI({ apiKey: key, baseURL: `${gateway.url}/v1`, maxRetries: 0, timeout: 10_000 });
      const secret = 'sk-proj-AbCdEfGhIjKlMnOpQrStUvWxYz0123456789abcd';
      const reply = await client.chat.completions.create({ model: 'gpt', messages: [{ role: 'user', content: `my key is ${secret}` }] });
      await client.chat.completions.create({ model: 'gpt', messages: [{ role: 'user', content: 'word '.repeat(80_000) }] });
      const rows = await waitForSpendRows(managementClient(gateway.url, MASTER_KEY), key, 2);
      const first = rows.find((row) => JSON.stringify(row.messages ?? '').includes('my key is'));
      assert.ok(first !== undefined, JSON.stringify(rows).slice(0, 400));
      assert.ok(!JSON.stringify(first.messages).includes(secret), 'the key is masked');
      assert.equal((first.response as { id?: string }).id, reply.id);
      assert.equal((first.response as { choices?: Array<{ message?: { content?: string } }> }).choices?.[0]?.message?.content, reply.choices[0]?.message.content);
      const large = rows.find((row) => row !== first);
      assert.ok(large !== undefined);
      assert.ok(JSON.stringify(large.messages).length < 300_000, 'a 400 KB prompt is capped');
    } finally {
      await gateway.close();
    }
  });

  it('disable_spend_logs writes no spend rows, while key spend still counts', async () => {
    const gateway = await startPricedGateway({ disable_spend_logs: true });
    try {
      const admin = managementClient(gateway.url, MASTER_KEY);
      const key = String((await admin.post('/key/generate', {})).body['key']);
      const client = new OpenAI({ apiKey: key, baseURL: `${gateway.url}/v1`, maxRetries: 0 });
      await client.chat.completions.create({ model: 'gpt', messages: [{ role: 'user', content: 'hi' }] });
      let spend = 0;
      for (let attempt = 0; attempt < 40 && spend === 0; attempt += 1) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        const info = await admin.get(`/key/info?key=${encodeURIComponent(key)}`);
        spend = Number((info.body['info'] as { spend?: number } | undefined)?.spend ?? 0);
      }
      assert.ok(spend > 0, 'the key was charged');
      assert.deepEqual(await waitForSpendRows(admin, key, 0), []);
    } finally {
      await gateway.close();
    }
  });
});
