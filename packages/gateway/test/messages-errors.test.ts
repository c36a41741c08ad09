// Every error a /v1/messages client sees is in Anthropic's shape with Anthropic's type and
// status: the edge's (404, bad body), governance's (missing or invalid key, model access,
// rate limit and budget with retry-after) and the upstream's.

import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import Anthropic from '@anthropic-ai/sdk';
import type { FakeChatReply, RecordedRequest } from '@llmux/fake-upstreams';
import { MESSAGES_MASTER_KEY, MODELS, startMessagesGateway, type MessagesGateway } from './helpers/messages-gateway.js';
import { generateKey } from './helpers/management-client.js';

function reply(request: RecordedRequest): FakeChatReply {
  const text = JSON.stringify(request.json);
  if (text.includes('refuse me')) {
    return { error: { status: 400, body: { type: 'error', error: { type: 'invalid_request_error', message: 'prompt is too long: 300000 tokens > 200000 maximum' } } } };
  }
  return { content: 'ok', usage: { promptTokens: 1_000, completionTokens: 1_000 } };
}

interface AnthropicErrorReply {
  status: number;
  headers: Headers;
  body: { type?: string; error?: { type?: string; message?: string } };
}

describe('/v1/messages errors', () => {
  let world: MessagesGateway;
  const post = async (path: string, body: unknown, headers: Record<string, string>): Promise<AnthropicErrorReply> => {
    const response = await fetch(`${world.gateway.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'anthropic-version': '2023-06-01', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    return { status: response.status, headers: response.headers, body: (await response.json()) as AnthropicErrorReply['body'] };
  };
  const hello = { model: MODELS.anthropic, max_tokens: 16, messages: [{ role: 'user', content: 'hi' }] };
  const newKey = (settings: Record<string, unknown>): Promise<string> => generateKey(world.admin, settings);

  before(async () => {
    world = await startMessagesGateway(reply);
  });
  after(async () => {
    await world.close();
  });

  it('refuses a missing or unknown key with authentication_error (401)', async () => {
    const missing = await post('/v1/messages', hello, {});
    assert.equal(missing.status, 401);
    assert.equal(missing.body.type, 'error');
    assert.equal(missing.body.error?.type, 'authentication_error');
    const unknown = await post('/v1/messages?beta=true', hello, { 'x-api-key': 'sk-not-a-key-at-all' });
    assert.equal(unknown.status, 401);
    assert.equal(unknown.body.error?.type, 'authentication_error');
  });

  it('serves /anthropic/v1/messages too', async () => {
    const response = await fetch(`${world.gateway.url}/anthropic/v1/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': MESSAGES_MASTER_KEY, 'anthropic-version': '2023-06-01' },
      body: JSON.stringify(hello),
    });
    assert.equal(response.status, 200);
    assert.equal(((await response.json()) as { type?: string }).type, 'message');
  });

  it('takes a virtual key as x-api-key or as a bearer token', async () => {
    const key = await newKey({});
    assert.equal((await world.client(key).messages.create(hello as Anthropic.MessageCreateParamsNonStreaming)).content.length, 1);
    const bearer = new Anthropic({ authToken: key, apiKey: null, baseURL: world.gateway.url, maxRetries: 0 });
    assert.equal((await bearer.messages.create(hello as Anthropic.MessageCreateParamsNonStreaming)).type, 'message');
  });

  it('words edge errors in Anthropic shape: unknown path, bad JSON, missing max_tokens, unknown model', async () => {
    const notFound = await post('/v1/messages/nope', hello, { 'x-api-key': MESSAGES_MASTER_KEY });
    assert.equal(notFound.status, 404);
    assert.equal(notFound.body.error?.type, 'not_found_error');
    const badJson = await post('/v1/messages', '{"model":', { 'x-api-key': MESSAGES_MASTER_KEY });
    assert.equal(badJson.status, 400);
    assert.equal(badJson.body.error?.type, 'invalid_request_error');
    const { max_tokens: _maxTokens, ...noMax } = hello;
    const missingMax = await post('/v1/messages', noMax, { 'x-api-key': MESSAGES_MASTER_KEY });
    assert.equal(missingMax.status, 400);
    assert.equal(missingMax.body.error?.type, 'invalid_request_error');
    assert.match(missingMax.body.error?.message ?? '', /max_tokens/);
    const unknownModel = await post('/v1/messages', { ...hello, model: 'no-such-model' }, { 'x-api-key': MESSAGES_MASTER_KEY });
    assert.equal(unknownModel.status, 404);
    assert.equal(unknownModel.body.error?.type, 'not_found_error');
  });

  it('refuses a model the key may not use, before any upstream call', async () => {
    const key = await newKey({ models: [MODELS.openai] });
    const before = world.upstreams.anthropic.requests.length;
    const refused = await post('/v1/messages', hello, { 'x-api-key': key });
    assert.equal(refused.status, 401);
    assert.equal(refused.body.error?.type, 'authentication_error');
    assert.match(refused.body.error?.message ?? '', /not allowed to access model/);
    assert.equal(world.upstreams.anthropic.requests.length, before);
  });

  it('refuses past the rate limit with rate_limit_error, 429 and retry-after', async () => {
    const key = await newKey({ rpm_limit: 1 });
    const client = world.client(key);
    await client.messages.create(hello as Anthropic.MessageCreateParamsNonStreaming);
    const refused = await post('/v1/messages', hello, { 'x-api-key': key });
    assert.equal(refused.status, 429);
    assert.equal(refused.body.error?.type, 'rate_limit_error');
    assert.ok(Number(refused.headers.get('retry-after')) > 0, `retry-after: ${refused.headers.get('retry-after')}`);
    await assert.rejects(client.messages.create(hello as Anthropic.MessageCreateParamsNonStreaming), (error: unknown) => error instanceof Anthropic.RateLimitError);
  });

  it('refuses a spent budget with rate_limit_error and 429', async () => {
    const key = await newKey({ max_budget: 0.000_001 });
    await world.client(key).messages.create(hello as Anthropic.MessageCreateParamsNonStreaming);
    const refused = await post('/v1/messages', hello, { 'x-api-key': key });
    assert.equal(refused.status, 429);
    assert.equal(refused.body.error?.type, 'rate_limit_error');
    assert.match(refused.body.error?.message ?? '', /[Bb]udget/);
  });

  it("passes the upstream's refusal on in Anthropic shape", async () => {
    for (const model of [MODELS.anthropic, MODELS.openai]) {
      const refused = await post('/v1/messages', { ...hello, model, messages: [{ role: 'user', content: 'refuse me' }] }, { 'x-api-key': MESSAGES_MASTER_KEY });
      assert.equal(refused.status, 400, model);
      assert.equal(refused.body.type, 'error');
      assert.equal(refused.body.error?.type, 'invalid_request_error');
    }
  });
});
