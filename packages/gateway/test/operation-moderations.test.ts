// /v1/moderations through the gateway with the official openai client: OpenAI's own endpoint
// (the body as sent, free of charge), and the chat bridge on providers without one (Anthropic,
// an Azure chat deployment): the documented prompt, the reply's scores as OpenAI's moderation
// shape, billed for the chat tokens. Spend rows' call_type; model access; budgets; a bridged
// model that does not answer in JSON is a 502.

import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startFakeAnthropicUpstream, startFakeAzureUpstream, startFakeOpenAIUpstream, type FakeChatReply, type FakeServer, type RecordedRequest } from '@llmux/fake-upstreams';
import { MODERATION_CATEGORIES, MODERATION_PROMPT } from 'llmux';
import OpenAI from 'openai';
import { startOperationsGateway, type OperationsGateway } from './helpers/operations-gateway.js';
import { assertRefusedBeforeUpstream, notAllowed, overBudget } from './helpers/refused-before-upstream.js';

const OPENAI_KEY = 'sk-upstream-moderations';
const AZURE_KEY = 'azure-moderations-key';
const ANTHROPIC_KEY = 'sk-ant-moderations';

/** A chat model following the moderation prompt: violence scored high for "kill", JSON in a code fence. */
function classifier(request: RecordedRequest): FakeChatReply {
  if (request.text.includes('NO-JSON')) return { content: 'I would rather not say.', usage: { promptTokens: 50, completionTokens: 5 } };
  const violent = request.text.includes('kill');
  const scores = Object.fromEntries(MODERATION_CATEGORIES.map((category) => [category, category === 'violence' && violent ? 0.93 : 0.01]));
  return { content: `\`\`\`json\n${JSON.stringify({ category_scores: scores })}\n\`\`\``, usage: { promptTokens: 120, completionTokens: 60 } };
}

describe('/v1/moderations through the gateway', () => {
  let world: OperationsGateway;
  let openai: FakeServer;
  let azure: FakeServer;
  let anthropic: FakeServer;

  before(async () => {
    openai = await startFakeOpenAIUpstream({ apiKey: OPENAI_KEY });
    azure = await startFakeAzureUpstream({ apiKey: AZURE_KEY, reply: classifier });
    anthropic = await startFakeAnthropicUpstream({ apiKey: ANTHROPIC_KEY, reply: classifier });
    world = await startOperationsGateway(
      [
        { model_name: 'omni', litellm_params: { model: 'openai/omni-moderation-latest', api_base: `${openai.url}/v1`, api_key: OPENAI_KEY } },
        { model_name: 'claude-moderator', litellm_params: { model: 'anthropic/claude-3-5-haiku-20241022', api_base: anthropic.url, api_key: ANTHROPIC_KEY } },
        {
          model_name: 'azure-moderator',
          litellm_params: {
            model: 'azure/gpt-4o-mini',
            api_base: azure.url,
            api_key: AZURE_KEY,
            api_version: '2024-10-21',
            input_cost_per_token: 0.000001,
            output_cost_per_token: 0.000002,
          },
        },
      ],
      [openai, azure, anthropic],
    );
  });
  after(() => world.close());

  it("uses OpenAI's moderation endpoint: the body as sent, OpenAI's result, a free spend row", async () => {
    const key = await world.newKey();
    const { data: moderation, response } = await world
      .client(key)
      .moderations.create({ model: 'omni', input: ['hello there', 'I will kill it'] })
      .withResponse();
    assert.match(moderation.id, /^modr-/);
    assert.deepEqual(
      moderation.results.map((result) => result.flagged),
      [false, true],
    );
    assert.equal(moderation.results[1]?.categories.violence, true);
    assert.ok('illicit' in (moderation.results[0]?.categories ?? {}));
    const sent = openai.requests.at(-1);
    assert.equal(sent?.url, '/v1/moderations');
    assert.equal(sent?.headers.authorization, `Bearer ${OPENAI_KEY}`);
    assert.deepEqual(sent?.json, { model: 'omni-moderation-latest', input: ['hello there', 'I will kill it'] });
    assert.equal(response.headers.get('x-litellm-response-cost'), '0');
    const [row] = await world.spendRows(key, 1);
    assert.equal(row?.metadata?.['call_type'], 'amoderation');
    assert.equal(row?.model_group, 'omni');
    assert.equal(row?.spend, 0);
  });

  it('bridges to an Anthropic chat model with the documented prompt: one chat call per input, billed for its tokens', async () => {
    const key = await world.newKey();
    const before = anthropic.requests.length;
    const moderation = await world.client(key).moderations.create({ model: 'claude-moderator', input: ['a sunny day', 'I will kill the lights'] });
    assert.match(moderation.id, /^modr-/);
    assert.equal(moderation.model, 'claude-3-5-haiku-20241022');
    assert.deepEqual(
      moderation.results.map((result) => result.flagged),
      [false, true],
    );
    assert.deepEqual(Object.keys(moderation.results[0]?.categories ?? {}), [...MODERATION_CATEGORIES]);
    assert.equal(moderation.results[1]?.category_scores.violence, 0.93);
    assert.equal(moderation.results[1]?.categories.harassment, false);
    const sent = anthropic.requests.slice(before).map((request) => request.json as { system?: unknown; temperature?: number; messages: unknown[] });
    assert.equal(sent.length, 2);
    for (const body of sent) {
      // The whole documented prompt, as the system instruction.
      assert.ok(JSON.stringify(body.system).includes(JSON.stringify(MODERATION_PROMPT).slice(1, -1)), JSON.stringify(body.system));
      assert.equal(body.temperature, 0);
    }
    const [row] = await world.spendRows(key, 1);
    assert.equal(row?.metadata?.['call_type'], 'amoderation');
    // Two calls of 120 prompt and 60 completion tokens at Claude 3.5 Haiku's price.
    assert.ok(Math.abs((row?.spend ?? 0) - (240 * 0.8e-6 + 120 * 4e-6)) < 1e-12, `spend ${row?.spend}`);
    assert.equal(row?.prompt_tokens, 240);
  });

  it('bridges on Azure, which has no moderation endpoint, through the deployment chat path', async () => {
    const moderation = await world.client().moderations.create({ model: 'azure-moderator', input: 'kill' });
    assert.equal(moderation.results[0]?.flagged, true);
    assert.equal(azure.requests.at(-1)?.url, '/openai/deployments/gpt-4o-mini/chat/completions?api-version=2024-10-21');
  });

  it('answers 502 when the bridged model does not reply with the JSON asked for', async () => {
    await assert.rejects(
      world.client().moderations.create({ model: 'claude-moderator', input: 'NO-JSON please' }),
      (error: unknown) => error instanceof OpenAI.APIError && error.status === 502,
    );
  });

  it('refuses bodies that are not moderation requests with OpenAI-shaped 400s', async () => {
    const missing = await world.post('/v1/moderations', { model: 'omni' });
    assert.equal(missing.status, 400);
    assert.equal((missing.json['error'] as { type: string }).type, 'invalid_request_error');
    for (const input of [[], {}, [1, 2], [{ type: 'image_url' }], [{ type: 'audio', audio: 'x' }], null, 42]) {
      const reply = await world.post('/moderations', { model: 'omni', input });
      assert.equal(reply.status, 400, JSON.stringify(input));
      assert.equal((reply.json['error'] as { type: string }).type, 'invalid_request_error');
    }
  });

  it('refuses a key without access to the model, before any upstream call', async () => {
    const key = await world.newKey({ models: ['omni'] });
    await assertRefusedBeforeUpstream(
      () => world.client(key).moderations.create({ model: 'claude-moderator', input: 'x' }),
      notAllowed('claude-moderator'),
      () => anthropic.requests.length,
    );
  });

  it('refuses a key over its budget, before any upstream call', async () => {
    const key = await world.newKey({ max_budget: 0.0002 });
    await world.client(key).moderations.create({ model: 'claude-moderator', input: 'first' });
    await world.spendRows(key, 1);
    await assertRefusedBeforeUpstream(
      () => world.client(key).moderations.create({ model: 'claude-moderator', input: 'second' }),
      overBudget,
      () => anthropic.requests.length,
    );
  });
});
