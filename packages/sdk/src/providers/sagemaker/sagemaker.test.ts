// The SageMaker messages-API adapter (`sagemaker_chat/`) end to end: completion() against
// the fake SageMaker Runtime (which verifies every SigV4 signature for service `sagemaker`),
// asserting the exact wire request and the canonical result, for plain, streamed (SSE and
// JSON lines), tools, errors, exception frames, truncation, credentials and the recorded
// call duration. The TGI generate adapter (`sagemaker/`) is in sagemaker-tgi.test.ts.

import { strict as assert } from 'node:assert';
import { after, before, beforeEach, describe, it } from 'node:test';
import { startFakeSageMakerUpstream, type FakeChatReply, type FakeServer } from '@llmux/fake-upstreams';
import {
  APIConnectionError,
  AuthenticationError,
  BadGatewayError,
  BadRequestError,
  completion,
  ContextWindowExceededError,
  ServiceUnavailableError,
  UnsupportedParamsError,
  type ChatMessage,
} from '../../index.js';
import { collectStream } from '../__fixtures__/collect-stream.js';
import { withSavedEnv } from '../__fixtures__/saved-env.js';

const REGION = 'us-east-2';
const ACCESS_KEY_ID = 'AKIAFAKESMTEST000001';
const SECRET = 'fake-sagemaker-sdk-secret-0000000000000';
const ENDPOINT = 'tgi-llama-3-8b';

function modelError(originalStatus: number, originalMessage: string): FakeChatReply {
  return {
    error: {
      status: 424,
      body: {
        ErrorCode: 'CLIENT_ERROR_FROM_MODEL',
        Message: `Received client error (${originalStatus}) from primary with message "${originalMessage}".`,
        OriginalMessage: originalMessage,
        OriginalStatusCode: originalStatus,
      },
      headers: { 'x-amzn-errortype': 'ModelError' },
    },
  };
}

describe('sagemaker_chat adapter', () => {
  let fake: FakeServer;
  let jsonLines: FakeServer;
  let next: FakeChatReply | undefined;
  const credentials = { aws_access_key_id: ACCESS_KEY_ID, aws_secret_access_key: SECRET, aws_region_name: REGION };
  const settings = () => ({ ...credentials, aws_sagemaker_runtime_endpoint: fake.url });
  const lastSent = () => fake.requests.at(-1);
  const call = (messages: ChatMessage[], extra: Record<string, unknown> = {}) =>
    completion({ model: `sagemaker_chat/${ENDPOINT}`, messages, ...settings(), ...extra, stream: false });
  const stream = (messages: ChatMessage[], extra: Record<string, unknown> = {}) =>
    completion({ model: `sagemaker_chat/${ENDPOINT}`, messages, ...settings(), ...extra, stream: true });

  before(async () => {
    const options = { accessKeyId: ACCESS_KEY_ID, secretAccessKey: SECRET, region: REGION, reply: () => next ?? { content: 'Deep learning learns representations.' } };
    fake = await startFakeSageMakerUpstream({ ...options, endpoints: [ENDPOINT] });
    jsonLines = await startFakeSageMakerUpstream({ ...options, streamFormat: 'jsonlines', payloadPartBytes: 7 });
  });
  after(async () => {
    await fake.close();
    await jsonLines.close();
  });
  beforeEach(() => {
    next = undefined;
  });

  it('sends the OpenAI body without model, signed for sagemaker, and returns the container completion', async () => {
    next = { content: 'Hi!', usage: { promptTokens: 12, completionTokens: 3 } };
    const messages: ChatMessage[] = [
      { role: 'system', content: 'You are a helpful assistant.' },
      { role: 'user', content: 'What is deep learning?' },
      { role: 'assistant', content: 'A kind of ML.', reasoning_content: 'thinking...' },
      { role: 'user', content: 'More?' },
    ];
    const response = await call(messages, { temperature: 0.3, max_completion_tokens: 20, seed: 7 });

    const sent = lastSent();
    assert.equal(sent?.url, `/endpoints/${ENDPOINT}/invocations`);
    assert.equal(sent?.headers['content-type'], 'application/json');
    assert.match(sent?.headers.authorization ?? '', new RegExp(`Credential=${ACCESS_KEY_ID}/\\d{8}/us-east-2/sagemaker/aws4_request`));
    assert.deepEqual(sent?.json, {
      messages: [
        { role: 'system', content: 'You are a helpful assistant.' },
        { role: 'user', content: 'What is deep learning?' },
        { role: 'assistant', content: 'A kind of ML.' },
        { role: 'user', content: 'More?' },
      ],
      temperature: 0.3,
      seed: 7,
      max_tokens: 20,
    });

    assert.equal(response.model, 'tgi');
    assert.deepEqual(response.choices, [{ index: 0, message: { role: 'assistant', content: 'Hi!', refusal: null }, finish_reason: 'stop', logprobs: null }]);
    assert.equal(response.usage?.total_tokens, 15);
    assert.equal(response.llmux.provider, 'sagemaker_chat');
    // Endpoints billed by time are priced from the call's measured duration.
    const duration = response.llmux.durationMs;
    assert.ok(duration !== undefined && duration >= 0);
    assert.ok(!JSON.stringify(response).includes('duration'));
  });

  it('sends an inference component from model_id, signed', async () => {
    const response = await completion({ model: `sagemaker_chat/${ENDPOINT}`, messages: [{ role: 'user', content: 'x' }], model_id: 'llama-component-1', ...settings() });
    assert.equal(response.llmux.provider, 'sagemaker_chat');
    assert.equal(lastSent()?.headers['x-amzn-sagemaker-inference-component'], 'llama-component-1');
    assert.match(lastSent()?.headers.authorization ?? '', /x-amzn-sagemaker-inference-component/);
  });

  it('prices an endpoint billed by time from the measured duration, replacing token prices', async () => {
    const response = await call([{ role: 'user', content: 'x' }], { input_cost_per_second: 0.002, output_cost_per_second: 0.001, input_cost_per_token: 1 });
    const seconds = (response.llmux.durationMs ?? Number.NaN) / 1000;
    assert.ok(seconds > 0);
    assert.equal(response.llmux.cost, 0.003 * seconds);

    const streamed = await stream([{ role: 'user', content: 'x' }], { input_cost_per_second: 0.002 });
    await collectStream(streamed);
    assert.equal(streamed.llmux.cost, 0.002 * ((streamed.llmux.durationMs ?? Number.NaN) / 1000));
  });

  it('round-trips tools in the OpenAI shape', async () => {
    next = { toolCalls: [{ id: 'call_1', name: 'get_weather', arguments: '{"city":"Oslo"}' }] };
    const tools = [{ type: 'function' as const, function: { name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } } } } }];
    const response = await call([{ role: 'user', content: 'Weather?' }], { tools, tool_choice: 'auto' });
    assert.deepEqual((lastSent()?.json as { tools: unknown }).tools, tools);
    assert.deepEqual(response.choices[0]?.message.tool_calls, [{ id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Oslo"}' } }]);
    assert.equal(response.choices[0]?.finish_reason, 'tool_calls');
  });

  it('streams PayloadParts cut mid-event back into canonical chunks, with usage and duration', async () => {
    next = { content: 'one two three', usage: { promptTokens: 5, completionTokens: 3 } };
    const result = await stream([{ role: 'user', content: 'count' }], { stream_options: { include_usage: true } });
    const chunks = await collectStream(result);
    assert.equal(lastSent()?.url, `/endpoints/${ENDPOINT}/invocations-response-stream`);
    assert.equal(lastSent()?.headers.accept, 'application/vnd.amazon.eventstream');
    assert.equal((lastSent()?.json as { stream: unknown }).stream, true);
    assert.equal(chunks.map((chunk) => chunk.choices[0]?.delta.content ?? '').join(''), 'one two three');
    assert.equal(chunks.find((chunk) => chunk.choices[0]?.finish_reason !== null && chunk.choices.length > 0)?.choices[0]?.finish_reason, 'stop');
    assert.equal(chunks.at(-1)?.usage?.total_tokens, 8);
    assert.ok(result.llmux.durationMs !== undefined);
  });

  it('reads a JSON-lines container stream as well', async () => {
    next = { content: 'alpha beta', usage: { promptTokens: 4, completionTokens: 2 } };
    const result = await completion({
      model: 'sagemaker_chat/lmi-endpoint',
      messages: [{ role: 'user', content: 'x' }],
      stream: true,
      ...credentials,
      aws_sagemaker_runtime_endpoint: jsonLines.url,
    });
    const chunks = await collectStream(result);
    assert.equal(chunks.map((chunk) => chunk.choices[0]?.delta.content ?? '').join(''), 'alpha beta');
    assert.equal(result.usage?.total_tokens, 6);
  });

  it('throws ModelStreamError mid-stream as a typed error and a cut stream as a connection error', async () => {
    next = { content: 'one two three four', failAfterChunks: 2 };
    const broken = await stream([{ role: 'user', content: 'x' }]);
    await assert.rejects(collectStream(broken), (error: unknown) => error instanceof BadGatewayError && error.code === 'ModelStreamError');
    next = { content: 'one two three four', dropAfterChunks: 2 };
    const cut = await stream([{ role: 'user', content: 'x' }]);
    await assert.rejects(collectStream(cut), APIConnectionError);
  });

  it('maps SageMaker and container errors to typed errors', async () => {
    next = modelError(
      422,
      '{"error":"Input validation error: `inputs` tokens + `max_new_tokens` must be <= 4096. Given: 4000 `inputs` tokens and 200 `max_new_tokens`","error_type":"validation"}',
    );
    await assert.rejects(call([{ role: 'user', content: 'x' }]), ContextWindowExceededError);
    next = modelError(422, '{"error":"Input validation error: temperature must be strictly positive","error_type":"validation"}');
    await assert.rejects(call([{ role: 'user', content: 'x' }]), (error: unknown) => error instanceof Error && error.name === 'UnprocessableEntityError');
    next = modelError(500, '{"error":"CUDA out of memory","error_type":"generation"}');
    await assert.rejects(call([{ role: 'user', content: 'x' }]), BadGatewayError);
    next = { error: { status: 429, body: { message: 'Model is not ready' }, headers: { 'x-amzn-errortype': 'ModelNotReadyException' } } };
    await assert.rejects(call([{ role: 'user', content: 'x' }]), ServiceUnavailableError);
    await assert.rejects(completion({ model: 'sagemaker_chat/unknown-endpoint', messages: [{ role: 'user', content: 'x' }], ...settings() }), (error: unknown) => {
      assert.ok(error instanceof BadRequestError);
      assert.equal(error.code, 'ValidationError');
      assert.match(error.message, /Endpoint unknown-endpoint of account/);
      return true;
    });
  });

  it('authenticates with SigV4 only: a wrong secret is a 401, api_key is ignored with a warning, nothing configured names what is missing', async () => {
    await assert.rejects(call([{ role: 'user', content: 'x' }], { aws_secret_access_key: 'definitely-wrong-secret' }), (error: unknown) => {
      assert.ok(error instanceof AuthenticationError);
      assert.ok(!error.message.includes('definitely-wrong-secret'));
      return true;
    });
    const warned = await call([{ role: 'user', content: 'x' }], { api_key: 'sk-not-used' });
    assert.match(warned.llmux.warnings.join('\n'), /api_key is not used by sagemaker_chat/);
    await withSavedEnv(['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY'], async () => {
      delete process.env['AWS_ACCESS_KEY_ID'];
      delete process.env['AWS_SECRET_ACCESS_KEY'];
      await assert.rejects(completion({ model: `sagemaker/${ENDPOINT}`, messages: [{ role: 'user', content: 'x' }], aws_region_name: REGION }), (error: unknown) => {
        assert.ok(error instanceof AuthenticationError);
        assert.match(error.message, /missing AWS credentials for provider "sagemaker"/);
        assert.ok(!error.message.includes('BEARER'));
        return true;
      });
    });
  });

  it('rejects parameters the containers would silently ignore', async () => {
    await assert.rejects(call([{ role: 'user', content: 'x' }], { reasoning_effort: 'high' }), UnsupportedParamsError);
  });
});
