// Proves the fake Ollama upstream is faithful: the official `ollama` client talks to it
// unchanged, for chat, streamed chat, tool calls, embeddings and errors.

import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { Ollama } from 'ollama';
import type { FakeChatReply } from './fake-chat-reply.js';
import { OLLAMA_MIDSTREAM_ERROR, startFakeOllamaUpstream } from './fake-ollama-upstream.js';
import type { RecordedRequest } from './start-fake-server.js';
import { useFakeAndClient } from './__fixtures__/use-fake-and-client.js';

const MODEL = 'llama3.2';

/** Tests pick the reply with a marker in the last message. */
const REPLIES: Record<string, FakeChatReply> = {
  weather: { toolCalls: [{ name: 'get_weather', arguments: '{"city":"Tokyo"}' }], usage: { promptTokens: 169, completionTokens: 18 } },
  think: { reasoning: 'The user greets me.', content: 'Hi <there> & welcome', usage: { promptTokens: 26, completionTokens: 9 } },
  missing: { error: { status: 404, body: { error: `model "${MODEL}" not found, try pulling it first` } } },
  crash: { content: 'one two three four', failAfterChunks: 2 },
};

function lastText(request: RecordedRequest): string {
  const body = request.json as { messages?: Array<{ content: string }>; prompt?: string };
  return body.messages?.at(-1)?.content ?? body.prompt ?? '';
}

describe('fake Ollama upstream, driven by the ollama client', () => {
  const suite = useFakeAndClient(
    () => startFakeOllamaUpstream({ reply: (request) => REPLIES[lastText(request)] ?? { content: `Hello from ${MODEL}` } }),
    (fake) => new Ollama({ host: fake.url }),
  );

  it('answers chat with one message and the metrics', async () => {
    const response = await suite.client.chat({ model: MODEL, messages: [{ role: 'user', content: 'hi' }] });
    assert.equal(response.model, MODEL);
    assert.equal(response.done, true);
    assert.equal(response.done_reason, 'stop');
    assert.deepEqual(response.message, { role: 'assistant', content: `Hello from ${MODEL}` });
    assert.equal(response.prompt_eval_count, 10);
    assert.equal(response.eval_count, 5);
    assert.equal(typeof response.total_duration, 'number');
    // The client sends stream: false itself; the fake honours what was sent.
    assert.equal((suite.fake.requests.at(-1)?.json as { stream?: boolean }).stream, false);
    assert.equal(suite.fake.requests.at(-1)?.url, '/api/chat');
  });

  it('streams chat fragments, with thinking, ending in a done object', async () => {
    const stream = await suite.client.chat({ model: MODEL, messages: [{ role: 'user', content: 'think' }], stream: true, think: true });
    const thinking: string[] = [];
    const content: string[] = [];
    let last: { done: boolean; done_reason: string; eval_count: number } | undefined;
    for await (const part of stream) {
      if (part.message.thinking) thinking.push(part.message.thinking);
      if (part.message.content) content.push(part.message.content);
      last = part;
    }
    assert.equal(thinking.join(''), 'The user greets me.');
    assert.deepEqual(content, ['Hi ', '<there> ', '& ', 'welcome']);
    assert.equal(last?.done, true);
    assert.equal(last?.done_reason, 'stop');
    assert.equal(last?.eval_count, 9);
  });

  it('answers with whole tool calls whose arguments are objects', async () => {
    const tools = [{ type: 'function', function: { name: 'get_weather', description: 'Weather', parameters: { type: 'object', properties: { city: { type: 'string' } } } } }];
    const response = await suite.client.chat({ model: MODEL, messages: [{ role: 'user', content: 'weather' }], tools });
    assert.deepEqual(response.message.tool_calls, [{ function: { name: 'get_weather', arguments: { city: 'Tokyo' } } }]);
    assert.equal(response.message.content, '');

    const stream = await suite.client.chat({ model: MODEL, messages: [{ role: 'user', content: 'weather' }], tools, stream: true });
    const calls: unknown[] = [];
    for await (const part of stream) calls.push(...(part.message.tool_calls ?? []));
    assert.deepEqual(calls, [{ function: { name: 'get_weather', arguments: { city: 'Tokyo' } } }]);
  });

  it('streams /api/generate with the text in `response`', async () => {
    const stream = await suite.client.generate({ model: MODEL, prompt: 'tell me', stream: true });
    let text = '';
    for await (const part of stream) text += part.response;
    assert.equal(text, `Hello from ${MODEL}`);
  });

  it('embeds one text or many', async () => {
    const one = await suite.client.embed({ model: 'nomic-embed-text', input: 'hello world' });
    assert.equal(one.embeddings.length, 1);
    assert.equal(one.embeddings[0]?.length, 8);
    const many = await suite.client.embed({ model: 'nomic-embed-text', input: ['hello world', 'bye'] });
    assert.deepEqual(many.embeddings[0], one.embeddings[0]);
    assert.notDeepEqual(many.embeddings[1], one.embeddings[0]);
    assert.equal(many.prompt_eval_count, 3);
  });

  it('answers errors with a status and {"error"}, which the client surfaces', async () => {
    await assert.rejects(suite.client.chat({ model: MODEL, messages: [{ role: 'user', content: 'missing' }] }), (error: unknown) => {
      const typed = error as { status_code?: number; error?: string };
      return typed.status_code === 404 && typed.error === `model "${MODEL}" not found, try pulling it first`;
    });
  });

  it('reports a failure after the stream began as an error line', async () => {
    const stream = await suite.client.chat({ model: MODEL, messages: [{ role: 'user', content: 'crash' }], stream: true });
    const seen: string[] = [];
    await assert.rejects(async () => {
      for await (const part of stream) seen.push(part.message.content);
    }, new RegExp(OLLAMA_MIDSTREAM_ERROR));
    assert.deepEqual(seen, ['one ', 'two ']);
  });
});
