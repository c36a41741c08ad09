// Proves the fake Anthropic upstream is faithful: the official @anthropic-ai/sdk client
// talks to it unchanged, for plain, tool, streaming and error replies.

import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import Anthropic from '@anthropic-ai/sdk';
import type { FakeChatReply } from './fake-chat-reply.js';
import { startFakeAnthropicUpstream } from './fake-anthropic-upstream.js';
import type { RecordedRequest } from './start-fake-server.js';
import { useFakeAndClient } from './__fixtures__/use-fake-and-client.js';

const API_KEY = 'sk-ant-fake-test-key';
const MODEL = 'claude-fake-4';

/** Tests pick the reply with a marker in the last user message text. */
const REPLIES: Record<string, FakeChatReply> = {
  weather: { toolCalls: [{ id: 'toolu_weather_1', name: 'get_weather', arguments: '{"city":"Paris"}' }] },
  think: {
    reasoning: 'The user greets me.',
    content: 'Hi there, friend',
    usage: { promptTokens: 50, completionTokens: 7, cachedTokens: 30, cacheWriteTokens: 5 },
  },
  'rate-limit': {
    error: { status: 429, body: { type: 'error', error: { type: 'rate_limit_error', message: 'slow down' } }, headers: { 'retry-after': '3' } },
  },
  overload: { content: 'one two three four', failAfterChunks: 2 },
  count: { content: 'one two', stopSequence: 'three' },
};

function lastText(request: RecordedRequest): string {
  const body = request.json as { messages: Array<{ content: string | Array<{ type: string; text?: string }> }> };
  const content = body.messages.at(-1)?.content;
  return typeof content === 'string' ? content : (content ?? []).map((part) => part.text ?? '').join('');
}

describe('fake Anthropic upstream, driven by @anthropic-ai/sdk', () => {
  const suite = useFakeAndClient(
    () => startFakeAnthropicUpstream({ apiKey: API_KEY, reply: (request) => REPLIES[lastText(request)] ?? { content: `Hello from ${MODEL}` } }),
    (fake) => new Anthropic({ apiKey: API_KEY, baseURL: fake.url, maxRetries: 0 }),
  );

  it('answers messages.create with a text message', async () => {
    const message = await suite.client.messages.create({ model: MODEL, max_tokens: 64, messages: [{ role: 'user', content: 'hi' }] });
    assert.equal(message.role, 'assistant');
    assert.equal(message.model, MODEL);
    assert.deepEqual(message.content, [{ type: 'text', text: `Hello from ${MODEL}` }]);
    assert.equal(message.stop_reason, 'end_turn');
    assert.equal(message.usage.output_tokens, 5);
    const recorded = suite.fake.requests.at(-1);
    assert.equal(recorded?.headers.authorization, `Bearer ${API_KEY}`);
    assert.equal(typeof recorded?.headers['anthropic-version'], 'string');
  });

  it('names the stop sequence that ended the turn, in the message and the stream', async () => {
    const request = { model: MODEL, max_tokens: 64, stop_sequences: ['three'], messages: [{ role: 'user' as const, content: 'count' }] };
    for (const message of [await suite.client.messages.create(request), await suite.client.messages.stream(request).finalMessage()]) {
      assert.deepEqual(message.content, [{ type: 'text', text: 'one two' }]);
      assert.equal(message.stop_reason, 'stop_sequence');
      assert.equal(message.stop_sequence, 'three');
    }
  });

  it('answers with tool_use blocks', async () => {
    const message = await suite.client.messages.create({
      model: MODEL,
      max_tokens: 64,
      tools: [{ name: 'get_weather', input_schema: { type: 'object', properties: { city: { type: 'string' } } } }],
      messages: [{ role: 'user', content: 'weather' }],
    });
    assert.equal(message.stop_reason, 'tool_use');
    assert.deepEqual(message.content, [{ type: 'tool_use', id: 'toolu_weather_1', name: 'get_weather', input: { city: 'Paris' } }]);
  });

  it('streams thinking, text and usage that messages.stream() accumulates', async () => {
    const stream = suite.client.messages.stream({ model: MODEL, max_tokens: 64, messages: [{ role: 'user', content: 'think' }] });
    const texts: string[] = [];
    stream.on('text', (text) => texts.push(text));
    const message = await stream.finalMessage();
    assert.deepEqual(texts, ['Hi ', 'there, ', 'friend']);
    assert.equal(message.content.length, 2);
    const [thinking, text] = message.content;
    assert.equal(thinking?.type === 'thinking' ? thinking.thinking : undefined, 'The user greets me.');
    assert.equal(text?.type === 'text' ? text.text : undefined, 'Hi there, friend');
    assert.equal(message.stop_reason, 'end_turn');
    assert.equal(message.usage.input_tokens, 15);
    assert.equal(message.usage.cache_read_input_tokens, 30);
    assert.equal(message.usage.cache_creation_input_tokens, 5);
    assert.equal(message.usage.output_tokens, 7);
  });

  it('streams tool input as input_json_delta fragments', async () => {
    const stream = suite.client.messages.stream({ model: MODEL, max_tokens: 64, messages: [{ role: 'user', content: 'weather' }] });
    const fragments: string[] = [];
    stream.on('inputJson', (partial) => fragments.push(partial));
    const message = await stream.finalMessage();
    assert.ok(fragments.length > 1);
    assert.deepEqual(message.content, [{ type: 'tool_use', id: 'toolu_weather_1', name: 'get_weather', input: { city: 'Paris' } }]);
    assert.equal(message.stop_reason, 'tool_use');
  });

  it('uses the exact SSE framing: event line, data line, blank line, and no [DONE]', async () => {
    const response = await fetch(`${suite.fake.url}/v1/messages`, {
      method: 'POST',
      headers: { 'x-api-key': API_KEY, 'anthropic-version': '2023-06-01', 'content-type': 'application/json' },
      body: JSON.stringify({ model: MODEL, max_tokens: 8, stream: true, messages: [{ role: 'user', content: 'hi' }] }),
    });
    assert.equal(response.headers.get('content-type'), 'text/event-stream');
    const text = await response.text();
    const frames = text.split('\n\n').filter((frame) => frame !== '');
    for (const frame of frames) {
      const match = /^event: (\w+)\ndata: (.+)$/.exec(frame);
      assert.ok(match, `bad frame ${JSON.stringify(frame)}`);
      assert.equal((JSON.parse(match[2] ?? '') as { type: string }).type, match[1]);
    }
    assert.equal(frames[0]?.startsWith('event: message_start'), true);
    assert.equal(frames.at(-1)?.startsWith('event: message_stop'), true);
    assert.equal(text.includes('[DONE]'), false);
  });

  it('maps a wrong key to the client AuthenticationError', async () => {
    const wrong = new Anthropic({ apiKey: 'sk-ant-wrong-key', baseURL: suite.fake.url, maxRetries: 0 });
    await assert.rejects(
      wrong.messages.create({ model: MODEL, max_tokens: 8, messages: [{ role: 'user', content: 'hi' }] }),
      (error: unknown) => error instanceof Anthropic.AuthenticationError && error.status === 401,
    );
  });

  it('maps an error reply to the client RateLimitError', async () => {
    await assert.rejects(
      suite.client.messages.create({ model: MODEL, max_tokens: 8, messages: [{ role: 'user', content: 'rate-limit' }] }),
      (error: unknown) => error instanceof Anthropic.RateLimitError && error.headers.get('retry-after') === '3',
    );
  });

  it('sends a mid-stream overloaded_error event that the client throws', async () => {
    const stream = suite.client.messages.stream({ model: MODEL, max_tokens: 64, messages: [{ role: 'user', content: 'overload' }] });
    const texts: string[] = [];
    stream.on('text', (text) => texts.push(text));
    await assert.rejects(stream.finalMessage(), (error: unknown) => error instanceof Anthropic.APIError && /Overloaded/.test(error.message));
    assert.deepEqual(texts, ['one ', 'two ']);
  });

  it('rejects a request without max_tokens or anthropic-version, as the API does', async () => {
    const send = (headers: Record<string, string>, body: unknown) =>
      fetch(`${suite.fake.url}/v1/messages`, { method: 'POST', headers: { 'x-api-key': API_KEY, ...headers }, body: JSON.stringify(body) });
    const noMax = await send({ 'anthropic-version': '2023-06-01' }, { model: MODEL, messages: [] });
    assert.equal(noMax.status, 400);
    assert.deepEqual(((await noMax.json()) as { error: unknown }).error, { type: 'invalid_request_error', message: 'max_tokens: Field required' });
    const noVersion = await send({}, { model: MODEL, max_tokens: 8, messages: [] });
    assert.equal(noVersion.status, 400);
  });
});
