// LiteLLM's pricing behaviours through the gateway: `model_info.base_model` prices an Azure
// deployment named after anything from the catalog row it names; a deployment with no known
// price is warned about at start and flagged `unpriced` in /model/info; and with llmux's
// `litellm_settings.reject_unpriced` its calls are refused, so no $0 row slips past a budget.

import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import OpenAI from 'openai';
import { startFakeAzureUpstream, startFakeOpenAIUpstream, type FakeServer } from '@llmux/fake-upstreams';
import { computeCost } from 'llmux';
import { parseConfig } from '../src/index.js';
import { startTestGateway, type TestGateway } from './helpers/start-test-gateway.js';

const MASTER_KEY = 'sk-master-conformance-prices';

function configFor(azure: FakeServer, openai: FakeServer, rejectUnpriced: boolean) {
  const azureParams = { api_base: azure.url, api_version: '2024-10-21', api_key: 'sk-azure' };
  return {
    model_list: [
      { model_name: 'prod', litellm_params: { model: 'azure/team-a-prod', ...azureParams }, model_info: { base_model: 'azure/gpt-4o' } },
      { model_name: 'mystery', litellm_params: { model: 'azure/team-a-mystery', ...azureParams } },
      {
        model_name: 'self-priced',
        litellm_params: { model: 'openai/in-house-7b', api_base: `${openai.url}/v1`, api_key: 'sk-x', input_cost_per_token: 1e-6, output_cost_per_token: 2e-6 },
      },
    ],
    litellm_settings: rejectUnpriced ? { reject_unpriced: true } : {},
    general_settings: { master_key: MASTER_KEY },
  };
}

describe('LiteLLM prices: base_model, unpriced deployments, reject_unpriced', () => {
  let azure: FakeServer;
  let openai: FakeServer;
  let gateway: TestGateway;
  let rejecting: TestGateway;

  before(async () => {
    azure = await startFakeAzureUpstream({ apiKey: 'sk-azure', models: { 'team-a-prod': 'gpt-4o-2024-08-06', 'team-a-mystery': 'gpt-4o' } });
    openai = await startFakeOpenAIUpstream();
    gateway = await startTestGateway(configFor(azure, openai, false));
    rejecting = await startTestGateway(configFor(azure, openai, true));
  });
  after(async () => {
    await Promise.all([gateway.close(), rejecting.close()]);
    await Promise.all([azure.close(), openai.close()]);
  });

  const client = (at: TestGateway) => new OpenAI({ apiKey: MASTER_KEY, baseURL: `${at.url}/v1`, maxRetries: 0 });
  const hello = [{ role: 'user' as const, content: 'hi' }];

  it('model_info.base_model prices an Azure deployment named after anything at the catalog price of the base model', async () => {
    const { data, response } = await client(gateway).chat.completions.create({ model: 'prod', messages: hello }).withResponse();
    const cost = Number(response.headers.get('x-litellm-response-cost'));
    const usage = { prompt_tokens: data.usage?.prompt_tokens ?? 0, completion_tokens: data.usage?.completion_tokens ?? 0, total_tokens: data.usage?.total_tokens ?? 0 };
    const expected = computeCost('azure', 'gpt-4o', usage);
    assert.ok(expected !== null && expected > 0, 'the catalog prices azure/gpt-4o');
    assert.ok(Math.abs(cost - expected) < 1e-12, `cost ${cost} is gpt-4o's ${expected}`);
  });

  it('a deployment with no known price is flagged unpriced: true in /model/info; priced ones are not', async () => {
    const info = await fetch(`${gateway.url}/model/info`, { headers: { authorization: `Bearer ${MASTER_KEY}` } });
    const rows = ((await info.json()) as { data: Array<{ model_name: string; model_info: Record<string, unknown> }> }).data;
    const flag = (name: string) => rows.find((row) => row.model_name === name)?.model_info['unpriced'];
    assert.equal(flag('mystery'), true);
    assert.equal(flag('prod'), undefined);
    assert.equal(flag('self-priced'), undefined);
  });

  it('a deployment with no known price gives a startup warning naming it', () => {
    const { warnings } = parseConfig(configFor(azure, openai, false), 'prices.yaml', {}, { strict: true });
    const unpriced = warnings.filter((warning) => warning.includes('no known price'));
    assert.equal(unpriced.length, 1, warnings.join('\n'));
    assert.match(unpriced[0] ?? '', /"mystery"/);
    assert.match(unpriced[0] ?? '', /base_model/);
  });

  it('reject_unpriced refuses calls to an unpriced deployment with a 400 naming it, before any upstream call', async () => {
    const sent = azure.requests.length;
    await assert.rejects(client(rejecting).chat.completions.create({ model: 'mystery', messages: hello }), (error: unknown) => {
      assert.ok(error instanceof OpenAI.BadRequestError);
      assert.match(error.message, /mystery/);
      assert.match(error.message, /reject_unpriced/);
      assert.equal(error.code, 'model_price_not_found');
      return true;
    });
    assert.equal(azure.requests.length, sent, 'nothing reached the upstream');
  });

  it('reject_unpriced still serves deployments priced by base_model or by their own prices', async () => {
    const viaBase = await client(rejecting).chat.completions.create({ model: 'prod', messages: hello });
    assert.equal(viaBase.object, 'chat.completion');
    const own = await client(rejecting).chat.completions.create({ model: 'self-priced', messages: hello });
    assert.equal(own.object, 'chat.completion');
  });
});
