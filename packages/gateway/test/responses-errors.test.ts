// Every error a /v1/responses client sees is in OpenAI's shape, as the official client
// raises it: the edge's (bad body, unknown model), governance's (key, model access, budget),
// a field a bridged deployment cannot take, and a bridged stream that breaks after it began.

import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import OpenAI from 'openai';
import type { FakeChatReply, RecordedRequest } from '@llmux/fake-upstreams';
import { waitForSpendRows } from './helpers/wait-for-spend-rows.js';
import { LENIENT_MODEL, RESPONSES_MASTER_KEY, RESPONSES_MODELS, startResponsesGateway, type ResponsesGateway } from './helpers/responses-gateway.js';
import { generateKey } from './helpers/management-client.js';

function reply(request: RecordedRequest): FakeChatReply {
  if (request.text.includes('break midway')) return { content: 'one two three four five six', failAfterChunks: 2 };
  if (request.text.includes('drop midway')) return { content: Array.from({ length: 40 }, (_, index) => `word${index}`).join(' '), dropAfterChunks: 4 };
  return { content: 'ok', usage: { promptTokens: 1_000, completionTokens: 1_000 } };
}

interface ErrorReply {
  status: number;
  body: { error?: { message?: string; type?: string; param?: string | null; code?: string | null } };
}

describe('/v1/responses errors', () => {
  let world: ResponsesGateway;
  const post = async (path: string, body: unknown, key = RESPONSES_MASTER_KEY): Promise<ErrorReply> => {
    const response = await fetch(`${world.gateway.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as ErrorReply['body'] };
  };
  const newKey = (settings: Record<string, unknown>): Promise<string> => generateKey(world.admin, settings);

  before(async () => {
    world = await startResponsesGateway(reply);
  });
  after(async () => {
    await world.close();
  });

  it('refuses a bad body with 400 naming the field, at /v1/responses and /responses', async () => {
    const noModel = await post('/v1/responses', { input: 'hi' });
    assert.equal(noModel.status, 400);
    assert.equal(noModel.body.error?.type, 'invalid_request_error');
    assert.match(noModel.body.error?.message ?? '', /model/);
    const badItem = await post('/responses', { model: RESPONSES_MODELS.anthropic, input: [{ type: 'function_call_output', output: 'x' }] });
    assert.equal(badItem.status, 400);
    assert.match(badItem.body.error?.message ?? '', /call_id/);
    // No input: bridged deployments are refused by llmux, OpenAI refuses it itself.
    for (const model of [RESPONSES_MODELS.gemini, RESPONSES_MODELS.openai]) {
      const noInput = await post('/v1/responses', { model });
      assert.equal(noInput.status, 400, model);
      assert.match(noInput.body.error?.message ?? '', /Missing required parameter: 'input'/);
    }
    const badJson = await post('/v1/responses', '{"model":');
    assert.equal(badJson.status, 400);
    await assert.rejects(
      world.client(RESPONSES_MASTER_KEY).responses.create({ model: RESPONSES_MODELS.gemini, input: 'hi', temperature: -1 }),
      (error: unknown) => error instanceof OpenAI.BadRequestError,
    );
  });

  it('answers an unknown model with 404 and a missing key with 401', async () => {
    await assert.rejects(world.client(RESPONSES_MASTER_KEY).responses.create({ model: 'no-such-model', input: 'hi' }), (error: unknown) => error instanceof OpenAI.NotFoundError);
    await assert.rejects(
      world.client('sk-not-a-key').responses.create({ model: RESPONSES_MODELS.openai, input: 'hi' }),
      (error: unknown) => error instanceof OpenAI.AuthenticationError,
    );
  });

  it('refuses a model the key may not use, before any upstream call', async () => {
    const key = await newKey({ models: [RESPONSES_MODELS.gemini] });
    const before = world.upstreams.openai.requests.length;
    const refused = await post('/v1/responses', { model: RESPONSES_MODELS.openai, input: 'hi' }, key);
    assert.equal(refused.status, 401);
    assert.match(refused.body.error?.message ?? '', /not allowed to access model/);
    assert.equal(world.upstreams.openai.requests.length, before);
    assert.equal((await world.client(key).responses.create({ model: RESPONSES_MODELS.gemini, input: 'hi' })).output_text, 'ok');
  });

  it('refuses a spent budget', async () => {
    const key = await newKey({ max_budget: 0.000_001 });
    await world.client(key).responses.create({ model: RESPONSES_MODELS.anthropic, input: 'hi' });
    const refused = await post('/v1/responses', { model: RESPONSES_MODELS.anthropic, input: 'hi' }, key);
    assert.equal(refused.status, 429);
    assert.equal(refused.body.error?.code, 'budget_exceeded');
    assert.match(refused.body.error?.message ?? '', /Budget exceeded/);
    await assert.rejects(world.client(key).responses.create({ model: RESPONSES_MODELS.anthropic, input: 'hi' }), (error: unknown) => error instanceof OpenAI.RateLimitError);
  });

  it('refuses a field a bridged deployment cannot take, naming it, and passes it through to OpenAI', async () => {
    const body = { input: 'hi', tools: [{ type: 'web_search' }] };
    const refused = await post('/v1/responses', { ...body, model: RESPONSES_MODELS.bedrock });
    assert.equal(refused.status, 400);
    assert.equal(refused.body.error?.param, 'tools.0');
    assert.match(refused.body.error?.message ?? '', /drop_params/);
    const passed = await world.client(RESPONSES_MASTER_KEY).responses.create({ ...body, model: RESPONSES_MODELS.openai } as OpenAI.Responses.ResponseCreateParamsNonStreaming);
    assert.equal(passed.status, 'completed');
    assert.deepEqual((world.lastRequest('openai').json as { tools?: unknown }).tools, [{ type: 'web_search' }]);
  });

  it('drops such a field with a warning on a deployment with drop_params', async () => {
    const response = await fetch(`${world.gateway.url}/v1/responses`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${RESPONSES_MASTER_KEY}` },
      body: JSON.stringify({ model: LENIENT_MODEL, input: 'hi', tools: [{ type: 'web_search' }] }),
    });
    assert.equal(response.status, 200);
    assert.equal(((await response.json()) as { output_text?: string }).output_text, 'ok');
    assert.match(response.headers.get('x-llmux-warnings') ?? '', /dropped "tools\.0"/);
    assert.equal((world.lastRequest('anthropic').json as { tools?: unknown }).tools, undefined);
  });

  it('ends a bridged stream that breaks after it began with response.failed', async () => {
    const final = await world.client(RESPONSES_MASTER_KEY).responses.stream({ model: RESPONSES_MODELS.anthropic, input: 'break midway' }).finalResponse();
    assert.equal(final.status, 'failed');
    assert.equal(typeof final.error?.message, 'string');
    const passed = await world.client(RESPONSES_MASTER_KEY).responses.stream({ model: RESPONSES_MODELS.openai, input: 'break midway' }).finalResponse();
    assert.equal(passed.status, 'failed');
    assert.equal(passed.error?.code, 'server_error');
  });

  it('ends a passed-through stream whose upstream drops with response.failed, billed for the deltas delivered', async () => {
    const key = await newKey({});
    const final = await world.client(key).responses.stream({ model: RESPONSES_MODELS.openai, input: 'drop midway' }).finalResponse();
    assert.equal(final.status, 'failed');
    assert.match(final.error?.message ?? '', /ended early|terminated|socket|closed/i);
    const [row] = await waitForSpendRows(world.admin, key, 1);
    assert.equal(row?.status, 'failure');
    assert.equal(row?.metadata?.['call_end'], 'upstream_cut');
    assert.equal(row?.metadata?.['call_type'], 'aresponses');
    const counted = (row as { completion_tokens?: number } | undefined)?.completion_tokens ?? 0;
    // Four of forty words were delivered (each split delta counts a token or two more than in one text).
    assert.ok(counted > 0 && counted < 40, `completion tokens ${counted}: the words delivered, not the whole reply`);
  });
});
