// The Azure adapter end to end: completion() and embedding() against the fake Azure
// resource, asserting the exact wire request it recorded and the canonical result.

import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { azureContentFilterError, sendJson, startFakeAzureUpstream, startFakeServer } from '@llmux/fake-upstreams';
import { ContentPolicyViolationError, ContextWindowExceededError, NotFoundError, completion, embedding, type ChatMessage } from '../../index.js';
import { DEFAULT_AZURE_API_VERSION } from './index.js';
import { withoutAzureEnv } from './__fixtures__/without-azure-env.js';
import { useFakeUpstream } from '../__fixtures__/use-fake-upstream.js';
import { collectStream } from '../__fixtures__/collect-stream.js';

const API_KEY = 'azure-test-key-0123456789';
const CHAT_URL = `/openai/deployments/my-gpt/chat/completions?api-version=${DEFAULT_AZURE_API_VERSION}`;

describe('azure adapter', () => {
  const upstream = useFakeUpstream((reply) => startFakeAzureUpstream({ apiKey: API_KEY, reply, models: { 'my-gpt': 'gpt-4o-2024-08-06' } }), { content: 'Hello there' });
  const base = () => ({ api_base: upstream.fake.url, api_key: API_KEY });
  const lastSent = () => upstream.fake.requests.at(-1);
  const hi: ChatMessage[] = [{ role: 'user', content: 'hi' }];
  withoutAzureEnv();

  it('posts to the deployment URL with api-key and drops the content-filter verdicts', async () => {
    upstream.reply = { content: 'Hi!', usage: { promptTokens: 11, completionTokens: 2 } };
    const messages: ChatMessage[] = [
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'Hello' },
    ];
    const response = await completion({ model: 'azure/my-gpt', messages, temperature: 0.2, max_completion_tokens: 50, ...base() });

    const sent = lastSent();
    assert.equal(sent?.method, 'POST');
    assert.equal(sent?.url, CHAT_URL);
    assert.equal(sent?.headers['api-key'], API_KEY);
    assert.equal(sent?.headers.authorization, undefined);
    assert.equal(sent?.headers['content-type'], 'application/json');
    // The deployment is in the path; `model` stays in the body, as Azure ignores it there.
    assert.deepEqual(sent?.json, { model: 'my-gpt', messages, temperature: 0.2, max_completion_tokens: 50 });

    assert.deepEqual(JSON.parse(JSON.stringify(response)), {
      id: response.id,
      object: 'chat.completion',
      created: response.created,
      model: 'gpt-4o-2024-08-06',
      choices: [{ index: 0, message: { role: 'assistant', content: 'Hi!', refusal: null }, finish_reason: 'stop', logprobs: null }],
      usage: {
        prompt_tokens: 11,
        completion_tokens: 2,
        total_tokens: 13,
        prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
        completion_tokens_details: { reasoning_tokens: 0, audio_tokens: 0, accepted_prediction_tokens: 0, rejected_prediction_tokens: 0 },
      },
      system_fingerprint: 'fp_fake0openai',
    });
    assert.equal(response.llmux.provider, 'azure');
  });

  it('streams without the empty prompt-filter chunk, with usage when asked', async () => {
    upstream.reply = { content: 'one two three', usage: { promptTokens: 5, completionTokens: 3 } };
    const stream = await completion({ model: 'azure/my-gpt', messages: hi, stream: true, stream_options: { include_usage: true }, ...base() });
    const chunks = await collectStream(stream);

    assert.equal(lastSent()?.url, CHAT_URL);
    assert.equal(lastSent()?.headers.accept, 'text/event-stream');
    assert.deepEqual(lastSent()?.json, { model: 'my-gpt', messages: hi, stream: true, stream_options: { include_usage: true } });
    // Every chunk is a well-formed one: the upstream's first (id "", created 0) never surfaces.
    assert.ok(chunks.every((chunk) => chunk.id.startsWith('chatcmpl-') && chunk.model === 'gpt-4o-2024-08-06' && chunk.created > 0));
    assert.deepEqual(chunks[0]?.choices, [{ index: 0, delta: { role: 'assistant', content: '', refusal: null }, finish_reason: null }]);
    assert.equal(chunks.map((chunk) => chunk.choices[0]?.delta.content ?? '').join(''), 'one two three');
    assert.ok(chunks.every((chunk) => !('content_filter_results' in (chunk.choices[0] ?? {}))));
    assert.equal(chunks.at(-2)?.choices[0]?.finish_reason, 'stop');
    assert.deepEqual(chunks.at(-1)?.choices, []);
    assert.equal(chunks.at(-1)?.usage?.total_tokens, 8);
    assert.equal(stream.usage?.prompt_tokens, 5);
  });

  it('drops asynchronous-filter annotation chunks and passes finish_reason content_filter', async () => {
    const fakeAsync = await startFakeAzureUpstream({ apiKey: API_KEY, asyncFilter: true, reply: () => ({ content: 'a b c', finish: 'content_filter' }) });
    try {
      const stream = await completion({ model: 'azure/my-gpt', messages: hi, stream: true, api_base: fakeAsync.url, api_key: API_KEY });
      const chunks = await collectStream(stream);
      assert.ok(chunks.every((chunk) => chunk.id !== '' && chunk.object === 'chat.completion.chunk'));
      assert.equal(chunks.length, 5, 'role chunk, three content chunks, finish chunk');
      assert.equal(chunks.at(-1)?.choices[0]?.finish_reason, 'content_filter');

      const response = await completion({ model: 'azure/my-gpt', messages: hi, api_base: fakeAsync.url, api_key: API_KEY });
      assert.equal(response.choices[0]?.finish_reason, 'content_filter');
    } finally {
      await fakeAsync.close();
    }
  });

  it('round-trips tools, streamed and not', async () => {
    const tools = [{ type: 'function' as const, function: { name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } } } } }];
    upstream.reply = { toolCalls: [{ id: 'call_az1', name: 'get_weather', arguments: '{"city":"Oslo"}' }] };
    const response = await completion({ model: 'azure/my-gpt', messages: hi, tools, tool_choice: 'required', ...base() });
    assert.deepEqual(lastSent()?.json, { model: 'my-gpt', messages: hi, tools, tool_choice: 'required' });
    assert.equal(response.choices[0]?.finish_reason, 'tool_calls');
    assert.deepEqual(response.choices[0]?.message.tool_calls, [{ id: 'call_az1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Oslo"}' } }]);

    const stream = await completion({ model: 'azure/my-gpt', messages: hi, tools, stream: true, ...base() });
    const deltas = (await collectStream(stream)).flatMap((chunk) => chunk.choices[0]?.delta.tool_calls ?? []);
    assert.deepEqual(deltas[0], { index: 0, id: 'call_az1', type: 'function', function: { name: 'get_weather', arguments: '' } });
    assert.equal(deltas.map((delta) => delta.function?.arguments ?? '').join(''), '{"city":"Oslo"}');
  });

  it('passes json_schema through unchanged', async () => {
    const response_format = {
      type: 'json_schema' as const,
      json_schema: { name: 'answer', strict: true, schema: { type: 'object', properties: { a: { type: 'string' } }, required: ['a'], additionalProperties: false } },
    };
    upstream.reply = { content: '{"a":"cat"}' };
    const response = await completion({ model: 'azure/my-gpt', messages: hi, response_format, ...base() });
    assert.deepEqual((lastSent()?.json as { response_format: unknown }).response_format, response_format);
    assert.equal(response.choices[0]?.message.content, '{"a":"cat"}');
  });

  it('embeds through the deployment embeddings URL', async () => {
    const result = await embedding({ model: 'azure/my-embedder', input: ['alpha', 'beta'], dimensions: 4, ...base() });
    assert.equal(lastSent()?.url, `/openai/deployments/my-embedder/embeddings?api-version=${DEFAULT_AZURE_API_VERSION}`);
    assert.equal(lastSent()?.headers['api-key'], API_KEY);
    assert.deepEqual(lastSent()?.json, { model: 'my-embedder', input: ['alpha', 'beta'], dimensions: 4 });
    assert.equal(result.data.length, 2);
    assert.equal((result.data[0]?.embedding as number[]).length, 4);
    assert.deepEqual(result.usage, { prompt_tokens: 2, total_tokens: 2 });
  });

  it('uses the v1 API for api_version v1 and preview, with the deployment as model', async () => {
    await completion({ model: 'azure/my-gpt', messages: hi, api_version: 'v1', ...base() });
    assert.equal(lastSent()?.url, '/openai/v1/chat/completions');
    assert.equal((lastSent()?.json as { model: string }).model, 'my-gpt');
    await embedding({ model: 'azure/my-embedder', input: 'x', api_version: 'preview', ...base() });
    assert.equal(lastSent()?.url, '/openai/v1/embeddings?api-version=preview');
    await completion({ model: 'azure/my-gpt', messages: hi, api_key: API_KEY, api_base: `${upstream.fake.url}/openai/v1/` });
    assert.equal(lastSent()?.url, '/openai/v1/chat/completions');
  });

  it('honours an explicit dated api_version', async () => {
    await completion({ model: 'azure/my-gpt', messages: hi, api_version: '2025-04-01-preview', ...base() });
    assert.equal(lastSent()?.url, '/openai/deployments/my-gpt/chat/completions?api-version=2025-04-01-preview');
  });

  it('throws a blocked prompt as ContentPolicyViolationError, with or without innererror', async () => {
    upstream.reply = { error: azureContentFilterError() };
    await assert.rejects(completion({ model: 'azure/my-gpt', messages: hi, ...base() }), (error: unknown) => {
      assert.ok(error instanceof ContentPolicyViolationError);
      assert.equal(error.status, 400);
      assert.equal(error.fallbackAllowed, true);
      assert.equal(error.param, 'prompt');
      assert.match(error.message, /content management policy/);
      return true;
    });
    upstream.reply = { error: { status: 400, body: { error: { message: 'The response was filtered', type: null, param: 'prompt', code: 'content_filter', status: 400 } } } };
    await assert.rejects(completion({ model: 'azure/my-gpt', messages: hi, stream: true, ...base() }), ContentPolicyViolationError);
  });

  it('throws a context-length 400 as ContextWindowExceededError', async () => {
    upstream.reply = {
      error: {
        status: 400,
        body: {
          error: {
            message: "This model's maximum context length is 128000 tokens. However, your messages resulted in 130000 tokens.",
            type: 'invalid_request_error',
            param: 'messages',
            code: 'context_length_exceeded',
          },
        },
      },
    };
    await assert.rejects(completion({ model: 'azure/my-gpt', messages: hi, ...base() }), ContextWindowExceededError);
  });

  it('reads a v1 reply from a non-OpenAI model: reasoning_content kept, null filter results and extra usage fields ignored', async () => {
    const scripted = await startFakeServer((_request, response) =>
      sendJson(response, 200, {
        id: 'a1b2c3',
        model: 'DeepSeek-R1',
        created: 1750000000,
        object: 'chat.completion',
        choices: [{ index: 0, message: { role: 'assistant', content: 'Four.', reasoning_content: '2 + 2 is 4.' }, finish_reason: 'stop', content_filter_results: {} }],
        usage: { prompt_tokens: 8, completion_tokens: 12, total_tokens: 20, audio_prompt_tokens: 0 },
        prompt_filter_results: null,
      }),
    );
    try {
      const response = await completion({ model: 'azure/DeepSeek-R1', messages: hi, api_base: scripted.url, api_key: API_KEY, api_version: 'v1' });
      assert.equal(scripted.requests[0]?.url, '/openai/v1/chat/completions');
      assert.deepEqual(response.choices, [
        { index: 0, message: { role: 'assistant', refusal: null, content: 'Four.', reasoning_content: '2 + 2 is 4.' }, logprobs: null, finish_reason: 'stop' },
      ]);
      assert.deepEqual(response.usage, { prompt_tokens: 8, completion_tokens: 12, total_tokens: 20 });
    } finally {
      await scripted.close();
    }
  });

  it('throws an unknown deployment as NotFoundError', async () => {
    upstream.reply = {
      error: {
        status: 404,
        body: {
          error: {
            code: 'DeploymentNotFound',
            message: 'The API deployment for this resource does not exist. If you created the deployment within the last 5 minutes, please wait a moment and try again.',
          },
        },
      },
    };
    await assert.rejects(completion({ model: 'azure/missing', messages: hi, ...base() }), NotFoundError);
  });

  it('maps a wrong key to a 401 without echoing it', async () => {
    const wrongKey = 'azure-wrong-key-9876543210';
    await assert.rejects(completion({ model: 'azure/my-gpt', messages: hi, api_base: upstream.fake.url, api_key: wrongKey }), (error: unknown) => {
      assert.equal((error as { status?: number }).status, 401);
      assert.ok(!String((error as Error).message).includes(wrongKey));
      return true;
    });
  });
});
