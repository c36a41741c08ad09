// IBM watsonx.ai through completion(), against the fake watsonx with its IAM endpoint: the
// API key exchanged once for a cached bearer token, chat and chat_stream with the version
// query, model_id and project in the body, tool calls, deployments, a ready token, a
// refused key and an expired token, and the missing-setting errors.

import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { AuthenticationError, BadRequestError, UnsupportedParamsError, completion } from '../../index.js';
import { useFakeWatsonx } from '../__fixtures__/use-fake-watsonx.js';
import { collectStream } from '../__fixtures__/collect-stream.js';

const API_KEY = 'ibm-cloud-api-key-0123456789';
const PROJECT = 'a1b2c3d4-project';

describe('watsonx provider through the public API', () => {
  const watsonx = useFakeWatsonx(
    {
      apiKeys: [API_KEY, 'second-key-abcdefghij'],
      project: PROJECT,
      reply: (request) =>
        (request.json as { tools?: unknown }).tools !== undefined
          ? { toolCalls: [{ name: 'weather', arguments: '{"city":"Oslo"}' }], finish: 'tool_calls' }
          : { content: 'Hello from granite' },
    },
    { prefix: 'watsonx', messages: [{ role: 'user', content: 'hi' }] },
  );
  const params = watsonx.params;
  const chatRequests = () => watsonx.fake.requests.filter((request) => request.url.startsWith('/ml/'));
  const iamRequests = () => watsonx.fake.requests.filter((request) => request.url === '/identity/token').length;

  it('exchanges the API key at IAM once, then chats with model_id, project_id and the version query', async () => {
    const before = iamRequests();
    const response = await completion({ ...params('ibm/granite-3-8b-instruct', { max_completion_tokens: 40, temperature: 0.2 }), stream: false });
    await completion({ ...params('ibm/granite-3-8b-instruct'), stream: false });
    assert.equal(iamRequests() - before, 1, 'the token is cached');
    const sent = chatRequests().at(-2);
    assert.equal(sent?.url, '/ml/v1/text/chat?version=2024-03-13');
    assert.equal(sent?.headers.authorization, `Bearer ${watsonx.fake.issued.at(-1)}`);
    assert.deepEqual(sent?.json, { model_id: 'ibm/granite-3-8b-instruct', project_id: PROJECT, messages: [{ role: 'user', content: 'hi' }], temperature: 0.2, max_tokens: 40 });
    assert.equal(response.choices[0]?.message.content, 'Hello from granite');
    assert.equal(response.model, 'ibm/granite-3-8b-instruct');
    assert.ok((response.usage?.total_tokens ?? 0) > 0);
  });

  it('streams from chat_stream, reading usage from the last chunk', async () => {
    const stream = await completion({ ...params('meta-llama/llama-3-3-70b-instruct'), stream: true });
    const chunks = await collectStream(stream);
    assert.equal(chatRequests().at(-1)?.url, '/ml/v1/text/chat_stream?version=2024-03-13');
    assert.equal(chunks.map((chunk) => chunk.choices[0]?.delta.content ?? '').join(''), 'Hello from granite');
    assert.ok((stream.usage?.total_tokens ?? 0) > 0);
  });

  it('sends tools, a word tool choice as tool_choice_option, and returns the tool call', async () => {
    const tools = [{ type: 'function' as const, function: { name: 'weather', parameters: { type: 'object' } } }];
    const response = await completion({ ...params('ibm/granite-3-8b-instruct', { tools, tool_choice: 'required' }), stream: false });
    const body = chatRequests().at(-1)?.json as Record<string, unknown>;
    assert.equal(body['tool_choice_option'], 'required');
    assert.equal(body['tool_choice'], undefined);
    assert.equal(response.choices[0]?.message.tool_calls?.[0]?.function.arguments, '{"city":"Oslo"}');
    assert.equal(response.choices[0]?.finish_reason, 'tool_calls');
    await completion({ ...params('ibm/granite-3-8b-instruct', { tools, tool_choice: { type: 'function', function: { name: 'weather' } } }), stream: false });
    assert.deepEqual((chatRequests().at(-1)?.json as Record<string, unknown>)['tool_choice'], { type: 'function', function: { name: 'weather' } });
  });

  it('calls a deployment without model_id or project, and accepts a ready token', async () => {
    await completion({ ...params('deployment/dep-42'), stream: false });
    const sent = chatRequests().at(-1);
    assert.equal(sent?.url, '/ml/v1/deployments/dep-42/text/chat?version=2024-03-13');
    assert.deepEqual(Object.keys(sent?.json as object), ['messages']);
    const token = watsonx.fake.issued[0] ?? '';
    const before = iamRequests();
    await completion({ ...params('ibm/granite-3-8b-instruct', { api_key: undefined, token, api_version: '2025-02-11' }), stream: false });
    assert.equal(iamRequests(), before);
    assert.equal(chatRequests().at(-1)?.url, '/ml/v1/text/chat?version=2025-02-11');
    assert.equal(chatRequests().at(-1)?.headers.authorization, `Bearer ${token}`);
  });

  it('fails a refused key as a 401 without the key, and replaces a token watsonx refused', async () => {
    await assert.rejects(completion({ ...params('ibm/granite-3-8b-instruct', { api_key: 'unknown-key-zzzzzzzzzz' }), stream: false }), (error: unknown) => {
      assert.ok(error instanceof AuthenticationError, String(error));
      assert.match(error.message, /BXNIM0415E/);
      assert.ok(!error.message.includes('unknown-key-zzzzzzzzzz'));
      return true;
    });
    const call = () => completion({ ...params('ibm/granite-3-8b-instruct', { api_key: 'second-key-abcdefghij' }), stream: false });
    await call();
    watsonx.fake.issued.splice(watsonx.fake.issued.length - 1, 1);
    await assert.rejects(call(), AuthenticationError);
    const response = await call();
    assert.equal(response.choices[0]?.message.content, 'Hello from granite');
  });

  it('refuses what watsonx cannot take, and names a missing project or URL', async () => {
    await assert.rejects(completion({ ...params('ibm/granite-3-8b-instruct', { logit_bias: { '1': 1 } }), stream: false }), UnsupportedParamsError);
    await assert.rejects(
      completion({ ...params('ibm/granite-3-8b-instruct', { project_id: undefined }), stream: false }),
      (error: unknown) => error instanceof BadRequestError && /project_id/.test(error.message),
    );
    await assert.rejects(
      completion({ ...params('ibm/granite-3-8b-instruct', { api_base: undefined }), stream: false }),
      (error: unknown) => error instanceof BadRequestError && /WATSONX_URL/.test(error.message),
    );
  });
});
