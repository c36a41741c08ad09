// Ollama deployments behind the gateway, end to end with the official `openai` client: a
// fake Ollama server on port 0 reached as `ollama_chat/` (/api/chat) and `ollama/`
// (/api/generate, /api/embed), exactly as a LiteLLM config names them.

import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startFakeOllamaUpstream, type FakeChatReply, type FakeServer, type RecordedRequest } from '@llmux/fake-upstreams';
import OpenAI from 'openai';
import { FakeFleet } from './helpers/fake-fleet.js';
import { readChatStream } from './helpers/read-chat-stream.js';

const MASTER_KEY = 'sk-master-ollama';

function replyFor(request: RecordedRequest): FakeChatReply {
  const body = request.json as { messages?: Array<{ role: string; content: string }>; prompt?: string };
  const last = body.messages?.at(-1) ?? { role: 'user', content: body.prompt ?? '' };
  if (last.role === 'tool') return { content: `It is ${last.content}.` };
  if (last.content === 'weather?') return { toolCalls: [{ name: 'get_weather', arguments: '{"city":"Tokyo"}' }] };
  if (last.content === 'missing') return { error: { status: 404, body: { error: 'model "llama3.2" not found, try pulling it first' } } };
  if (last.content === 'crash') return { content: 'one two three', failAfterChunks: 1 };
  return { content: 'Hello from Ollama', usage: { promptTokens: 26, completionTokens: 3 } };
}

describe('gateway with Ollama deployments', () => {
  const fleet = new FakeFleet();
  let ollama: FakeServer;
  let client: OpenAI;

  before(async () => {
    ollama = fleet.started(await startFakeOllamaUpstream({ reply: replyFor }));
    await fleet.startGateway(
      {
        'local-llama': { model: 'ollama_chat/llama3.2', api_base: ollama.url },
        'local-generate': { model: 'ollama/llama3.2', api_base: ollama.url },
        'local-embed': { model: 'ollama/nomic-embed-text', api_base: ollama.url },
      },
      MASTER_KEY,
    );
    client = fleet.openAIClient(MASTER_KEY);
  });
  after(() => fleet.close());

  it('chats through /api/chat, with no key sent upstream', async () => {
    const completion = await client.chat.completions.create({ model: 'local-llama', messages: [{ role: 'user', content: 'hi' }], max_tokens: 20 });
    assert.equal(completion.choices[0]?.message.content, 'Hello from Ollama');
    assert.equal(completion.choices[0]?.finish_reason, 'stop');
    assert.deepEqual(completion.usage, { prompt_tokens: 26, completion_tokens: 3, total_tokens: 29 });
    const sent = ollama.requests.at(-1);
    assert.equal(sent?.url, '/api/chat');
    assert.equal(sent?.headers.authorization, undefined);
    assert.deepEqual(sent?.json, { model: 'llama3.2', messages: [{ role: 'user', content: 'hi' }], stream: false, options: { num_predict: 20 } });
  });

  it('chats through /api/generate for ollama/ models', async () => {
    const completion = await client.chat.completions.create({ model: 'local-generate', messages: [{ role: 'user', content: 'hi' }] });
    assert.equal(completion.choices[0]?.message.content, 'Hello from Ollama');
    assert.equal(ollama.requests.at(-1)?.url, '/api/generate');
  });

  it('streams NDJSON as OpenAI SSE, with usage when asked', async () => {
    const stream = await client.chat.completions.create({
      model: 'local-llama',
      messages: [{ role: 'user', content: 'hi' }],
      stream: true,
      stream_options: { include_usage: true },
    });
    const { text, usage, finish } = await readChatStream(stream);
    assert.equal(text, 'Hello from Ollama');
    assert.equal(finish, 'stop');
    assert.deepEqual(usage, { prompt_tokens: 26, completion_tokens: 3, total_tokens: 29 });
    assert.equal((ollama.requests.at(-1)?.json as { stream: boolean }).stream, true);
  });

  it('round-trips tools with generated call ids and tool_name on results', async () => {
    const tools: OpenAI.ChatCompletionTool[] = [
      { type: 'function', function: { name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } } },
    ];
    const first = await client.chat.completions.create({ model: 'local-llama', messages: [{ role: 'user', content: 'weather?' }], tools });
    const call = first.choices[0]?.message.tool_calls?.[0];
    assert.ok(call !== undefined && call.type === 'function');
    assert.match(call.id, /^call_/);
    assert.deepEqual(JSON.parse(call.function.arguments), { city: 'Tokyo' });
    assert.equal(first.choices[0]?.finish_reason, 'tool_calls');

    const second = await client.chat.completions.create({
      model: 'local-llama',
      tools,
      messages: [
        { role: 'user', content: 'weather?' },
        { role: 'assistant', content: null, tool_calls: [call] },
        { role: 'tool', tool_call_id: call.id, content: '11 degrees' },
      ],
    });
    assert.equal(second.choices[0]?.message.content, 'It is 11 degrees.');
    const sent = ollama.requests.at(-1)?.json as { messages: unknown[] };
    assert.deepEqual(sent.messages.slice(1), [
      { role: 'assistant', content: '', tool_calls: [{ function: { name: 'get_weather', arguments: { city: 'Tokyo' } } }] },
      { role: 'tool', content: '11 degrees', tool_name: 'get_weather' },
    ]);
  });

  it('embeds through /api/embed, decoded by the client from base64', async () => {
    const response = await client.embeddings.create({ model: 'local-embed', input: ['hello world', 'bye'] });
    assert.equal(response.data.length, 2);
    assert.equal(response.data[0]?.embedding.length, 8);
    assert.ok(response.data[0]?.embedding.every((value) => Number.isFinite(value)));
    assert.equal(response.usage.prompt_tokens, 3);
    assert.deepEqual(ollama.requests.at(-1)?.json, { model: 'nomic-embed-text', input: ['hello world', 'bye'] });
  });

  it('answers a missing model with a 404 in OpenAI shape', async () => {
    await assert.rejects(client.chat.completions.create({ model: 'local-llama', messages: [{ role: 'user', content: 'missing' }] }), (error: unknown) => {
      return error instanceof OpenAI.NotFoundError && /not found, try pulling it first/.test(error.message);
    });
  });

  it('ends a stream that fails midway with an error, not a silent stop', async () => {
    const stream = await client.chat.completions.create({ model: 'local-llama', messages: [{ role: 'user', content: 'crash' }], stream: true });
    let text = '';
    await assert.rejects(async () => {
      for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
    });
    assert.equal(text, 'one ');
  });
});
