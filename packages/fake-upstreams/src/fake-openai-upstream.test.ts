// The fake OpenAI upstream must be faithful: the official `openai` client drives it here,
// and anything it would reject or misread fails these tests.

import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import OpenAI from 'openai';
import type { FakeChatReply } from './fake-chat-reply.js';
import { startFakeOpenAIUpstream } from './fake-openai-upstream.js';
import type { FakeServer, RecordedRequest } from './start-fake-server.js';

const API_KEY = 'sk-fake-test-key-0123456789';

describe('fake OpenAI upstream, driven by the official client', () => {
  let fake: FakeServer;
  let client: OpenAI;
  let nextReply: ((request: RecordedRequest) => FakeChatReply) | undefined;

  before(async () => {
    fake = await startFakeOpenAIUpstream({
      apiKey: API_KEY,
      reply: (request) => nextReply?.(request) ?? { content: 'Hello from the fake' },
      models: ['gpt-4o-mini', 'text-embedding-3-small'],
    });
    client = new OpenAI({ apiKey: API_KEY, baseURL: `${fake.url}/v1`, maxRetries: 0 });
  });
  after(() => fake.close());

  it('answers a chat completion', async () => {
    nextReply = undefined;
    const completion = await client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] });
    assert.equal(completion.object, 'chat.completion');
    assert.equal(completion.model, 'gpt-4o-mini');
    assert.equal(completion.choices[0]?.message.content, 'Hello from the fake');
    assert.equal(completion.choices[0]?.finish_reason, 'stop');
    assert.equal(completion.usage?.total_tokens, (completion.usage?.prompt_tokens ?? 0) + (completion.usage?.completion_tokens ?? 0));
    const sent = fake.requests.at(-1);
    assert.equal(sent?.url, '/v1/chat/completions');
    assert.equal(sent?.headers.authorization, `Bearer ${API_KEY}`);
  });

  it('streams content in several chunks with a final usage chunk', async () => {
    nextReply = () => ({ content: 'one two three four', usage: { promptTokens: 7, completionTokens: 4 } });
    const stream = await client.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'count' }],
      stream: true,
      stream_options: { include_usage: true },
    });
    const chunks: OpenAI.Chat.Completions.ChatCompletionChunk[] = [];
    for await (const chunk of stream) chunks.push(chunk);
    assert.equal(chunks[0]?.choices[0]?.delta.role, 'assistant');
    const text = chunks.map((chunk) => chunk.choices[0]?.delta.content ?? '').join('');
    assert.equal(text, 'one two three four');
    assert.ok(chunks.filter((chunk) => chunk.choices[0]?.delta.content).length > 1);
    const last = chunks.at(-1);
    assert.deepEqual(last?.choices, []);
    assert.equal(last?.usage?.prompt_tokens, 7);
    assert.equal(last?.usage?.completion_tokens, 4);
    for (const chunk of chunks.slice(0, -1)) assert.equal(chunk.usage, null);
    assert.equal(chunks.at(-2)?.choices[0]?.finish_reason, 'stop');
  });

  it('streams without usage unless asked', async () => {
    nextReply = undefined;
    const stream = await client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'x' }], stream: true });
    const chunks: OpenAI.Chat.Completions.ChatCompletionChunk[] = [];
    for await (const chunk of stream) chunks.push(chunk);
    assert.ok(chunks.every((chunk) => chunk.usage === undefined && chunk.choices.length === 1));
  });

  it('streams tool calls that the client helper assembles', async () => {
    nextReply = () => ({
      toolCalls: [
        { id: 'call_weather', name: 'get_weather', arguments: '{"city":"Paris","unit":"celsius"}' },
        { name: 'get_time', arguments: '{"zone":"CET"}' },
      ],
    });
    const runner = client.chat.completions.stream({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'weather and time in Paris?' }],
      tools: [
        { type: 'function', function: { name: 'get_weather', parameters: { type: 'object', properties: {} } } },
        { type: 'function', function: { name: 'get_time', parameters: { type: 'object', properties: {} } } },
      ],
      stream_options: { include_usage: true },
    });
    const final = await runner.finalChatCompletion();
    const calls = final.choices[0]?.message.tool_calls ?? [];
    assert.equal(final.choices[0]?.finish_reason, 'tool_calls');
    assert.equal(calls.length, 2);
    const [first, second] = calls;
    assert.ok(first?.type === 'function' && second?.type === 'function');
    assert.equal(first.id, 'call_weather');
    assert.deepEqual(JSON.parse(first.function.arguments), { city: 'Paris', unit: 'celsius' });
    assert.equal(second.function.name, 'get_time');
    assert.match(second.id, /^call_/);
    assert.ok(final.usage !== undefined && final.usage.total_tokens > 0);
  });

  it('answers non-stream tool calls', async () => {
    nextReply = () => ({ toolCalls: [{ name: 'lookup', arguments: '{"q":1}' }] });
    const completion = await client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'q' }] });
    const call = completion.choices[0]?.message.tool_calls?.[0];
    assert.ok(call?.type === 'function');
    assert.equal(call.function.name, 'lookup');
    assert.equal(completion.choices[0]?.message.content, null);
    assert.equal(completion.choices[0]?.finish_reason, 'tool_calls');
  });

  it('rejects a wrong key with the error class the client maps 401 to', async () => {
    const stranger = new OpenAI({ apiKey: 'sk-wrong-key-abcdefghijkl', baseURL: `${fake.url}/v1`, maxRetries: 0 });
    await assert.rejects(stranger.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'x' }] }), (error: unknown) => {
      assert.ok(error instanceof OpenAI.AuthenticationError);
      assert.equal(error.status, 401);
      assert.equal(error.code, 'invalid_api_key');
      assert.doesNotMatch(error.message, /sk-wrong-key-abcdefghijkl/);
      return true;
    });
  });

  it('sends reply errors with their status, body and headers', async () => {
    nextReply = () => ({
      error: {
        status: 429,
        body: { error: { message: 'Rate limit reached', type: 'requests', param: null, code: 'rate_limit_exceeded' } },
        headers: { 'retry-after': '3' },
      },
    });
    await assert.rejects(client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'x' }] }), (error: unknown) => {
      assert.ok(error instanceof OpenAI.RateLimitError);
      assert.equal(error.code, 'rate_limit_exceeded');
      assert.equal(error.headers?.get('retry-after'), '3');
      return true;
    });
  });

  it('reports a mid-stream failure as an error event the client throws', async () => {
    nextReply = () => ({ content: 'a b c d e', failAfterChunks: 2 });
    const stream = await client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'x' }], stream: true });
    const seen: string[] = [];
    await assert.rejects(
      (async () => {
        for await (const chunk of stream) seen.push(chunk.choices[0]?.delta.content ?? '');
      })(),
      (error: unknown) => error instanceof OpenAI.APIError && /server had an error/.test(error.message),
    );
    assert.equal(seen.join(''), 'a b');
  });

  it('drops the connection mid-stream', async () => {
    nextReply = () => ({ content: 'a b c d e', dropAfterChunks: 1 });
    const stream = await client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'x' }], stream: true });
    await assert.rejects(async () => {
      for await (const _chunk of stream) void _chunk;
    });
  });

  it('embeds deterministically, in float and base64', async () => {
    const floats = await client.embeddings.create({ model: 'text-embedding-3-small', input: ['alpha', 'beta'], encoding_format: 'float' });
    const decoded = await client.embeddings.create({ model: 'text-embedding-3-small', input: ['alpha', 'beta'] });
    assert.equal(fake.requests.at(-1)?.json && (fake.requests.at(-1)?.json as { encoding_format?: string }).encoding_format, 'base64');
    assert.equal(floats.data.length, 2);
    assert.equal(floats.data[0]?.embedding.length, 8);
    assert.deepEqual(decoded.data[0]?.embedding, floats.data[0]?.embedding);
    assert.notDeepEqual(floats.data[0]?.embedding, floats.data[1]?.embedding);
    assert.equal(floats.usage.prompt_tokens, 2);
    const sized = await client.embeddings.create({ model: 'text-embedding-3-small', input: 'alpha', dimensions: 3, encoding_format: 'float' });
    assert.equal(sized.data[0]?.embedding.length, 3);
  });

  it('lists models', async () => {
    const page = await client.models.list();
    assert.deepEqual(
      page.data.map((model) => model.id),
      ['gpt-4o-mini', 'text-embedding-3-small'],
    );
    assert.equal(page.data[0]?.object, 'model');
  });

  it('serves routes without the /v1 prefix too', async () => {
    const bare = new OpenAI({ apiKey: API_KEY, baseURL: fake.url, maxRetries: 0 });
    nextReply = undefined;
    const completion = await bare.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'x' }] });
    assert.equal(completion.choices[0]?.message.content, 'Hello from the fake');
    assert.equal(fake.requests.at(-1)?.url, '/chat/completions');
  });
});

describe('fake OpenAI upstream defaults', () => {
  it('says hello from the model and emits reasoning when configured', async () => {
    const fake = await startFakeOpenAIUpstream({ reasoningField: 'reasoning_content', reply: () => ({ content: 'ok', reasoning: 'think' }) });
    try {
      const client = new OpenAI({ apiKey: 'anything', baseURL: `${fake.url}/v1`, maxRetries: 0 });
      const completion = await client.chat.completions.create({ model: 'm', messages: [{ role: 'user', content: 'x' }] });
      // `reasoning_content` (DeepSeek, vLLM) is not in the openai client's types.
      assert.equal((completion.choices[0]?.message as unknown as { reasoning_content?: string }).reasoning_content, 'think');
    } finally {
      await fake.close();
    }
    const plain = await startFakeOpenAIUpstream();
    try {
      const client = new OpenAI({ apiKey: 'anything', baseURL: `${plain.url}/v1`, maxRetries: 0 });
      const completion = await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'x' }] });
      assert.equal(completion.choices[0]?.message.content, 'Hello from gpt-4o');
    } finally {
      await plain.close();
    }
  });
});
