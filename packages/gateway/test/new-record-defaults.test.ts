// LiteLLM's defaults for new records: litellm_settings.default_team_params fills what
// /team/new leaves out (budget, period, models, tpm/rpm) and default_internal_user_params what
// /user/new leaves out (plus user_role); a field the request sets wins; the team's default
// budget is then enforced like any team budget. A misspelt field stops the start by path,
// and default_team_settings (per-team logging callbacks) is still refused by name.

import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import OpenAI, { APIError } from 'openai';
import { startFakeOpenAIUpstream, type FakeServer } from '@llmux/fake-upstreams';
import { managementClient } from './helpers/management-client.js';
import { startTestGateway, type TestGateway } from './helpers/start-test-gateway.js';
import { strictConfigRefusal } from './helpers/strict-config-refusal.js';

const MASTER_KEY = 'sk-master-new-record-defaults';

const refusal = (litellmSettings: Record<string, unknown>): string => strictConfigRefusal({ model_list: [], litellm_settings: litellmSettings });

describe('default_team_params and default_internal_user_params', () => {
  let upstream: FakeServer;
  let gateway: TestGateway;

  before(async () => {
    upstream = await startFakeOpenAIUpstream();
    gateway = await startTestGateway({
      model_list: [{ model_name: 'gpt', litellm_params: { model: 'openai/gpt-4o-mini', api_base: `${upstream.url}/v1`, api_key: 'sk-x', input_cost_per_token: 1e-6 } }],
      general_settings: { master_key: MASTER_KEY },
      litellm_settings: {
        default_team_params: { max_budget: 1e-9, budget_duration: '30d', models: ['gpt'], tpm_limit: 1000, rpm_limit: 10 },
        default_internal_user_params: { max_budget: 2, budget_duration: '1mo', models: ['gpt'], user_role: 'internal_user_viewer' },
      },
    });
  });
  after(async () => {
    await gateway.close();
    await upstream.close();
  });

  it('a new team takes the defaults for what /team/new leaves out; what it sets wins', async () => {
    const admin = managementClient(gateway.url, MASTER_KEY);
    const plain = await admin.post('/team/new', { team_alias: 'defaults' });
    assert.equal(plain.status, 200, JSON.stringify(plain.body));
    assert.equal(plain.body['max_budget'], 1e-9);
    assert.equal(plain.body['budget_duration'], '30d');
    assert.deepEqual(plain.body['models'], ['gpt']);
    assert.equal(plain.body['tpm_limit'], 1000);
    assert.equal(plain.body['rpm_limit'], 10);
    const own = await admin.post('/team/new', { team_alias: 'own', max_budget: 50, models: [] });
    assert.equal(own.body['max_budget'], 50);
    assert.deepEqual(own.body['models'], []);
    assert.equal(own.body['budget_duration'], '30d');
  });

  it("the team's default budget is enforced on its keys", async () => {
    const admin = managementClient(gateway.url, MASTER_KEY);
    const team = String((await admin.post('/team/new', { team_alias: 'spent' })).body['team_id']);
    const key = String((await admin.post('/key/generate', { team_id: team })).body['key']);
    const client = new OpenAI({ apiKey: key, baseURL: `${gateway.url}/v1`, maxRetries: 0 });
    await client.chat.completions.create({ model: 'gpt', messages: [{ role: 'user', content: 'hi' }] });
    let refused: unknown;
    for (let attempt = 0; attempt < 50 && refused === undefined; attempt += 1) {
      try {
        await client.chat.completions.create({ model: 'gpt', messages: [{ role: 'user', content: 'hi' }] });
      } catch (error) {
        refused = error;
      }
    }
    assert.ok(refused instanceof APIError, String(refused));
    assert.equal(refused.status, 429);
    assert.match(refused.message, /Budget exceeded for team/);
  });

  it('a new user takes default_internal_user_params, role included; what /user/new sets wins', async () => {
    const admin = managementClient(gateway.url, MASTER_KEY);
    const user = await admin.post('/user/new', { user_id: 'defaults-user', auto_create_key: false });
    assert.equal(user.status, 200, JSON.stringify(user.body));
    assert.equal(user.body['max_budget'], 2);
    assert.equal(user.body['budget_duration'], '1mo');
    assert.deepEqual(user.body['models'], ['gpt']);
    assert.equal(user.body['user_role'], 'internal_user_viewer');
    const own = await admin.post('/user/new', { user_id: 'own-user', user_role: 'internal_user', max_budget: 7, auto_create_key: false });
    assert.equal(own.body['user_role'], 'internal_user');
    assert.equal(own.body['max_budget'], 7);
  });

  it('refuses a misspelt default field by path, and still refuses default_team_settings by name', () => {
    assert.match(refusal({ default_team_params: { max_budgt: 1 } }), /litellm_settings\.default_team_params.*max_budgt/);
    assert.match(refusal({ default_internal_user_params: { budget_duration: 'monthly' } }), /litellm_settings\.default_internal_user_params\.budget_duration: is not a duration/);
    assert.match(refusal({ default_team_settings: [{ team_id: 't1', success_callback: ['langfuse'] }] }), /litellm_settings\.default_team_settings/);
  });
});
