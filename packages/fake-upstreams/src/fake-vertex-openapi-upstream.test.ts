// The fake Vertex OpenAI-compatible endpoint must be faithful: the official `openai` client,
// pointed at `.../endpoints/openapi` as Google documents for partner models, drives it here
// (chat, stream, tool call), and the token, project and model-name checks refuse as Vertex does.

import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import OpenAI from 'openai';
import { startFakeVertexOpenAPIUpstream } from './fake-vertex-openapi-upstream.js';
import type { FakeServer } from './start-fake-server.js';

const TOKEN = 'ya29.fake-vertex-token';

describe('fake Vertex OpenAI-compatible endpoint, driven by the official openai client', () => {
  let fake: FakeServer;
  const clientFor = (project: string, token = TOKEN) =>
    new OpenAI({ apiKey: token, baseURL: `${fake.url}/v1/projects/${project}/locations/us-central1/endpoints/openapi`, maxRetries: 0 });

  before(async () => {
    fake = await startFakeVertexOpenAPIUpstream({
      tokens: [TOKEN],
      project: 'p1',
      reply: (request) =>
        (request.json as { tools?: unknown }).tools !== undefined
          ? { toolCalls: [{ name: 'weather', arguments: '{"city":"Oslo"}' }], finish: 'tool_calls' }
          : { content: 'Hello from Llama' },
    });
  });
  after(() => fake.close());

  it('answers chat, stream and tool calls in OpenAI format', async () => {
    const client = clientFor('p1');
    const chat = await client.chat.completions.create({ model: 'meta/llama-3.3-70b-instruct-maas', messages: [{ role: 'user', content: 'hi' }] });
    assert.equal(chat.choices[0]?.message.content, 'Hello from Llama');
    assert.equal(fake.requests.at(-1)?.url, '/v1/projects/p1/locations/us-central1/endpoints/openapi/chat/completions');
    assert.equal(fake.requests.at(-1)?.headers.authorization, `Bearer ${TOKEN}`);

    const stream = await client.chat.completions.create({
      model: 'deepseek-ai/deepseek-r1-0528-maas',
      messages: [{ role: 'user', content: 'hi' }],
      stream: true,
      stream_options: { include_usage: true },
    });
    let text = '';
    let usage = 0;
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta.content ?? '';
      usage = chunk.usage?.total_tokens ?? usage;
    }
    assert.equal(text, 'Hello from Llama');
    assert.ok(usage > 0);

    const tools = await client.chat.completions.create({
      model: 'qwen/qwen3-coder-480b-a35b-instruct-maas',
      messages: [{ role: 'user', content: 'weather?' }],
      tools: [{ type: 'function', function: { name: 'weather', parameters: { type: 'object' } } }],
    });
    assert.equal(tools.choices[0]?.message.tool_calls?.[0]?.type === 'function' ? tools.choices[0].message.tool_calls[0].function.arguments : undefined, '{"city":"Oslo"}');
  });

  it('refuses an unknown token, another project and a model without its publisher', async () => {
    await assert.rejects(
      clientFor('p1', 'ya29.other').chat.completions.create({ model: 'meta/llama', messages: [] }),
      (error: unknown) => error instanceof OpenAI.AuthenticationError,
    );
    await assert.rejects(clientFor('p2').chat.completions.create({ model: 'meta/llama', messages: [] }), (error: unknown) => error instanceof OpenAI.PermissionDeniedError);
    await assert.rejects(clientFor('p1').chat.completions.create({ model: 'llama', messages: [] }), (error: unknown) => error instanceof OpenAI.BadRequestError);
  });
});
