// Passthrough of OpenAI Responses bodies to OpenAI and Azure deployments: the body arrives
// at /responses with only `model` replaced, the reply's bytes come back as sent, and usage
// is read on the side (the JSON body's `usage`; a stream's response.completed) for cost.

import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { startFakeAzureUpstream, startFakeOpenAIUpstream } from '@llmux/fake-upstreams';
import { InternalServerError, nativeCall, speaksNatively } from '../index.js';
import { useFakeServer, useFakeUpstream } from '../providers/__fixtures__/use-fake-upstream.js';
import { asStream, readAll, watchEnd } from './__fixtures__/native-fixtures.js';
import { OPENAI_EXPECTED_COST, OPENAI_PRICES, OPENAI_REPLY } from './__fixtures__/openai-cache-reply.js';

const API_KEY = 'sk-openai-deployment-0002';

const BODY = {
  model: 'gpt-group',
  instructions: 'Answer briefly.',
  input: [{ role: 'user', content: [{ type: 'input_text', text: 'Capital of France?' }] }],
  tools: [{ type: 'web_search' }],
  include: ['reasoning.encrypted_content'],
  x_future_field: { nested: [1, null] },
};

describe('nativeCall in the openai-responses dialect', () => {
  const upstream = useFakeUpstream((reply) => startFakeOpenAIUpstream({ apiKey: API_KEY, reply }), OPENAI_REPLY);
  const call = (stream: boolean) =>
    nativeCall(
      { model: 'openai/gpt-5', api_key: API_KEY, api_base: upstream.fake.url, ...OPENAI_PRICES },
      { dialect: 'openai-responses', body: stream ? { ...BODY, stream: true } : BODY, stream, headers: {} },
    );

  it('is spoken by the OpenAI and Azure rows only', () => {
    assert.equal(speaksNatively('openai/gpt-5', 'openai-responses'), true);
    assert.equal(speaksNatively('azure/my-deployment', 'openai-responses'), true);
    assert.equal(speaksNatively('groq/llama-3.3-70b-versatile', 'openai-responses'), false);
    assert.equal(speaksNatively('deepseek/deepseek-chat', 'openai-responses'), false);
    assert.equal(speaksNatively('anthropic/claude-sonnet-4-5', 'openai-responses'), false);
  });

  it('sends the body unchanged apart from model to /responses and prices the JSON reply', async () => {
    const reply = await call(false);
    assert.equal(reply.kind, 'json');
    const sent = upstream.fake.requests.at(-1);
    assert.equal(sent?.url, '/responses');
    assert.deepEqual(sent?.json, { ...BODY, model: 'gpt-5' });
    if (reply.kind !== 'json') return;
    assert.deepEqual(reply.body, Buffer.concat(sent?.sent ?? []));
    assert.equal(reply.usage?.prompt_tokens, 300);
    assert.equal(reply.usage?.prompt_tokens_details?.cached_tokens, 200);
    assert.equal(reply.usage?.completion_tokens, 12);
    assert.ok(Math.abs((reply.llmux.cost ?? 0) - OPENAI_EXPECTED_COST) < 1e-12, String(reply.llmux.cost));
  });

  it('passes a stream through byte for byte and reads usage from response.completed', async () => {
    const stream = asStream(await call(true));
    const ends = watchEnd(stream);
    const bytes = await readAll(stream);
    const sent = upstream.fake.requests.at(-1);
    assert.deepEqual(sent?.json, { ...BODY, stream: true, model: 'gpt-5' });
    assert.equal(bytes.toString('utf8'), Buffer.concat(sent?.sent ?? []).toString('utf8'));
    assert.match(bytes.toString('utf8'), /event: response\.completed/);
    assert.equal(ends.calls[0]?.[0]?.prompt_tokens, 300);
    assert.equal(ends.calls[0]?.[0]?.completion_tokens, 12);
    assert.equal(ends.calls[0]?.[1], undefined);
    assert.ok(Math.abs((stream.llmux.cost ?? 0) - OPENAI_EXPECTED_COST) < 1e-12);
  });

  it('reports a response.failed after content as the stream error, and one before content to the caller', async () => {
    upstream.reply = { content: 'one two three four five', failAfterChunks: 2 };
    const stream = asStream(await call(true));
    const ends = watchEnd(stream);
    // The iterator ends without throwing: the client was told in the upstream's own event.
    const bytes = await readAll(stream);
    assert.match(bytes.toString('utf8'), /event: response\.failed/);
    assert.ok(ends.calls[0]?.[1] instanceof InternalServerError);
    upstream.reply = { content: 'one two', failAfterChunks: 0 };
    await assert.rejects(call(true), InternalServerError);
  });
});

describe('nativeCall in the openai-responses dialect on Azure', () => {
  const azure = useFakeServer(() => startFakeAzureUpstream({ apiKey: 'azure-key-1' }));

  it('goes to the v1 Responses path with the deployment as model', async () => {
    // The fake Azure serves chat only; what matters here is where the call went and what it carried.
    await nativeCall(
      { model: 'azure/my-deployment', api_key: 'azure-key-1', api_base: `${azure.fake.url}/openai/v1` },
      { dialect: 'openai-responses', body: BODY, stream: false, headers: {} },
    ).catch(() => undefined);
    const sent = azure.fake.requests.at(-1);
    assert.equal(sent?.url.split('?')[0], '/openai/v1/responses');
    assert.deepEqual(sent?.json, { ...BODY, model: 'my-deployment' });
  });
});
