// Partner models on Vertex AI (`vertex_ai/meta/…`, `vertex_ai/deepseek-ai/…`,
// `vertex_ai/qwen/…`) through completion(): the OpenAI-compatible endpoint under the
// project and region, the model named in the body, a Google token from the service account,
// and chat, stream and tool calls; Gemini ids still go to generateContent.

import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import { startFakeGoogleTokenServer, startFakeVertexOpenAPIUpstream, type FakeGoogleTokenServer, type FakeServer, type FakeServiceAccount } from '@llmux/fake-upstreams';
import { AuthenticationError, HttpClient, UnsupportedParamsError, completion, type CompletionParams } from '../../index.js';
import { collectStream } from '../__fixtures__/collect-stream.js';

const PROJECT = 'llmux-partner-project';

describe('vertex_ai partner models through the OpenAI-compatible endpoint', () => {
  let tokenServer: FakeGoogleTokenServer;
  let vertex: FakeServer;
  let http: HttpClient;
  let account: FakeServiceAccount;

  before(async () => {
    tokenServer = await startFakeGoogleTokenServer();
    vertex = await startFakeVertexOpenAPIUpstream({
      tokens: tokenServer.issued,
      project: PROJECT,
      reply: (request) =>
        (request.json as { tools?: unknown }).tools !== undefined
          ? { toolCalls: [{ name: 'weather', arguments: '{"city":"Oslo"}' }], finish: 'tool_calls' }
          : { content: 'Hello from MaaS', reasoning: 'Thinking.' },
    });
    http = new HttpClient();
    account = tokenServer.createServiceAccount();
  });
  after(async () => {
    await http.close();
    await vertex.close();
    await tokenServer.close();
  });

  const params = (model: string, extra: Partial<CompletionParams> = {}): CompletionParams => ({
    model: `vertex_ai/${model}`,
    api_base: vertex.url,
    vertex_project: PROJECT,
    vertex_location: 'us-east5',
    vertex_credentials: JSON.stringify(account.keyFile),
    http_client: http,
    messages: [{ role: 'user', content: 'hi' }],
    ...extra,
  });

  it('sends a chat to endpoints/openapi with the partner model in the body and a Google token', async () => {
    const response = await completion({ ...params('meta/llama-3.3-70b-instruct-maas', { max_completion_tokens: 20 }), stream: false });
    const sent = vertex.requests.at(-1);
    assert.equal(sent?.url, `/v1/projects/${PROJECT}/locations/us-east5/endpoints/openapi/chat/completions`);
    assert.equal(sent?.headers.authorization, `Bearer ${tokenServer.issued.at(-1)}`);
    assert.deepEqual(sent?.json, { model: 'meta/llama-3.3-70b-instruct-maas', messages: [{ role: 'user', content: 'hi' }], max_completion_tokens: 20 });
    assert.equal(response.choices[0]?.message.content, 'Hello from MaaS');
    assert.equal(response.choices[0]?.message.reasoning_content, 'Thinking.');
    assert.equal(response.llmux.provider, 'vertex_ai');
  });

  it('streams, with usage asked for', async () => {
    const stream = await completion({ ...params('deepseek-ai/deepseek-r1-0528-maas'), stream: true });
    const chunks = await collectStream(stream);
    assert.equal(chunks.map((chunk) => chunk.choices[0]?.delta.content ?? '').join(''), 'Hello from MaaS');
    assert.deepEqual((vertex.requests.at(-1)?.json as Record<string, unknown>)['stream_options'], { include_usage: true });
    assert.ok((stream.usage?.total_tokens ?? 0) > 0);
  });

  it('returns tool calls', async () => {
    const response = await completion({
      ...params('qwen/qwen3-coder-480b-a35b-instruct-maas', { tools: [{ type: 'function', function: { name: 'weather', parameters: { type: 'object' } } }] }),
      stream: false,
    });
    assert.equal(response.choices[0]?.message.tool_calls?.[0]?.function.arguments, '{"city":"Oslo"}');
    assert.equal(response.choices[0]?.finish_reason, 'tool_calls');
  });

  it('refuses parameters the endpoint does not take, and a token Vertex refused fails as a 401 without the token', async () => {
    await assert.rejects(completion({ ...params('meta/llama-3.3-70b-instruct-maas', { logit_bias: { '1': 1 } }), stream: false }), UnsupportedParamsError);
    const issued = tokenServer.issued.splice(0);
    await assert.rejects(completion({ ...params('meta/llama-3.3-70b-instruct-maas'), stream: false }), (error: unknown) => {
      assert.ok(error instanceof AuthenticationError);
      for (const token of issued) assert.ok(!error.message.includes(token));
      return true;
    });
    // The refused token was retired: the next call fetches a new one and succeeds.
    const response = await completion({ ...params('meta/llama-3.3-70b-instruct-maas'), stream: false });
    assert.equal(response.choices[0]?.message.content, 'Hello from MaaS');
  });
});
