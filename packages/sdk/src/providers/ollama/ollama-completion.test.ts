// The Ollama adapters end to end through the public completion() and embedding(): the
// exact wire body the fake upstream records, and the canonical result the caller gets.

import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { startFakeOllamaUpstream, type FakeChatReply } from '@llmux/fake-upstreams';
import { z } from 'zod';
import { APIConnectionError, ContextWindowExceededError, InternalServerError, NotFoundError, UnsupportedParamsError, completion, embedding } from '../../index.js';
import { completionThrough, useFakeUpstream } from '../__fixtures__/use-fake-upstream.js';
import { useClearedEnv, withSavedEnv } from '../__fixtures__/saved-env.js';

const MODEL = 'llama3.2';
const WEATHER_TOOL = {
  type: 'function',
  function: { name: 'get_weather', description: 'Weather for a city', parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } },
} as const;
const PIXEL = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

function ollamaError(status: number, message: string): FakeChatReply {
  return { error: { status, body: { error: message } } };
}

describe('ollama providers through completion()', () => {
  // A key in the environment would be sent with every call; these tests expect none.
  useClearedEnv(['OLLAMA_API_KEY']);
  const upstream = useFakeUpstream((reply) => startFakeOllamaUpstream({ reply }), { content: `Hello from ${MODEL}` });

  const { call } = completionThrough(upstream, { model: `ollama_chat/${MODEL}` });
  // ollama/<model> (no _chat): the /api/generate route.
  const generate = completionThrough(upstream, { model: `ollama/${MODEL}` }).call;
  const last = () => upstream.fake.requests.at(-1);

  it('sends messages and options to /api/chat with stream: false, and returns the canonical completion', async () => {
    upstream.reply = { content: 'Hi!', usage: { promptTokens: 26, completionTokens: 3 } };
    const response = await call({
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'hi' },
      ],
      temperature: 0.3,
      top_p: 0.9,
      max_tokens: 64,
      stop: 'END',
      seed: 7,
      presence_penalty: 0.5,
    });

    assert.equal(last()?.url, '/api/chat');
    assert.equal(last()?.headers.authorization, undefined);
    assert.deepEqual(last()?.json, {
      model: MODEL,
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'hi' },
      ],
      stream: false,
      options: { temperature: 0.3, top_p: 0.9, num_predict: 64, stop: ['END'], seed: 7, presence_penalty: 0.5 },
    });
    assert.match(response.id, /^chatcmpl-[0-9a-f]{24}$/);
    assert.equal(response.object, 'chat.completion');
    assert.equal(response.model, MODEL);
    assert.ok(Math.abs(response.created - Date.now() / 1000) < 5);
    assert.deepEqual(response.choices, [{ index: 0, message: { role: 'assistant', refusal: null, content: 'Hi!' }, logprobs: null, finish_reason: 'stop' }]);
    assert.deepEqual(response.usage, { prompt_tokens: 26, completion_tokens: 3, total_tokens: 29 });
    assert.deepEqual(response.llmux.warnings, []);
  });

  it('sends a bearer token only when a key is given, and reads OLLAMA_API_BASE', async () => {
    await call({ api_key: 'ollama-cloud-key-123' });
    assert.equal(last()?.headers.authorization, 'Bearer ollama-cloud-key-123');
    await withSavedEnv(['OLLAMA_API_BASE'], async () => {
      process.env['OLLAMA_API_BASE'] = `${upstream.fake.url}/`;
      const response = await completion({ model: `ollama_chat/${MODEL}`, http_client: upstream.http, messages: [{ role: 'user', content: 'hi' }] });
      assert.equal(response.choices[0]?.message.content, `Hello from ${MODEL}`);
    });
  });

  it('sends data: URL images as base64 beside the text, and refuses image URLs without fetching them', async () => {
    await call({
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'What is in this image?' },
            { type: 'image_url', image_url: { url: `data:image/png;base64,${PIXEL}` } },
          ],
        },
      ],
    });
    assert.deepEqual((last()?.json as { messages: unknown[] }).messages, [{ role: 'user', content: 'What is in this image?', images: [PIXEL] }]);

    const before = upstream.fake.requests.length;
    await assert.rejects(
      call({ messages: [{ role: 'user', content: [{ type: 'image_url', image_url: { url: 'https://example.com/cat.png' } }] }] }),
      (error: unknown) => error instanceof UnsupportedParamsError && error.status === 400 && error.param === 'messages[0].content[0]' && /base64/.test(error.message),
    );
    assert.equal(upstream.fake.requests.length, before);
  });

  it('round-trips tools: object arguments become JSON strings with ids, and tool results carry tool_name', async () => {
    upstream.reply = { toolCalls: [{ name: 'get_weather', arguments: '{"city":"Tokyo"}' }], usage: { promptTokens: 169, completionTokens: 18 } };
    const first = await call({ tools: [WEATHER_TOOL], messages: [{ role: 'user', content: 'what is the weather in tokyo?' }] });
    assert.deepEqual((last()?.json as { tools: unknown }).tools, [WEATHER_TOOL]);
    const message = first.choices[0]?.message;
    assert.equal(message?.content, null);
    assert.equal(first.choices[0]?.finish_reason, 'tool_calls');
    const toolCall = message?.tool_calls?.[0];
    assert.match(toolCall?.id ?? '', /^call_[0-9a-f]{24}$/);
    assert.deepEqual(toolCall?.function, { name: 'get_weather', arguments: '{"city":"Tokyo"}' });

    upstream.reply = { content: 'It is 11 degrees in Tokyo.' };
    const second = await call({
      tools: [WEATHER_TOOL],
      messages: [
        { role: 'user', content: 'what is the weather in tokyo?' },
        { role: 'assistant', content: null, tool_calls: message?.tool_calls ?? [] },
        { role: 'tool', tool_call_id: toolCall?.id ?? '', content: '11 degrees celsius' },
      ],
    });
    assert.deepEqual((last()?.json as { messages: unknown }).messages, [
      { role: 'user', content: 'what is the weather in tokyo?' },
      { role: 'assistant', content: '', tool_calls: [{ function: { name: 'get_weather', arguments: { city: 'Tokyo' } } }] },
      { role: 'tool', content: '11 degrees celsius', tool_name: 'get_weather' },
    ]);
    assert.equal(second.choices[0]?.message.content, 'It is 11 degrees in Tokyo.');
    assert.equal(second.choices[0]?.finish_reason, 'stop');
  });

  it('keeps tool-call ids that newer servers send', async () => {
    upstream.reply = { toolCalls: [{ id: 'call_from_server', name: 'get_weather', arguments: '{"city":"Oslo"}' }] };
    const response = await call({ tools: [WEATHER_TOOL] });
    assert.equal(response.choices[0]?.message.tool_calls?.[0]?.id, 'call_from_server');
  });

  it('approximates tool_choice with warnings where Ollama cannot force a call', async () => {
    await call({ tools: [WEATHER_TOOL], tool_choice: 'none' });
    assert.equal((last()?.json as { tools?: unknown }).tools, undefined);
    const required = await call({ tools: [WEATHER_TOOL], tool_choice: 'required' });
    assert.deepEqual((last()?.json as { tools?: unknown }).tools, [WEATHER_TOOL]);
    assert.match(required.llmux.warnings[0] ?? '', /cannot force a tool call/);
  });

  it('sends json_schema as format: <schema> and json_object as format: "json"', async () => {
    const schema = { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] };
    upstream.reply = { content: '{"city":"Paris"}' };
    const response = await call({ response_format: { type: 'json_schema', json_schema: { name: 'place', schema } } });
    assert.deepEqual((last()?.json as { format: unknown }).format, schema);
    assert.equal(response.choices[0]?.message.content, '{"city":"Paris"}');
    await call({ response_format: { type: 'json_object' } });
    assert.equal((last()?.json as { format: unknown }).format, 'json');
  });

  it('validates a zod response_format and exposes the parsed reply', async () => {
    upstream.reply = { content: '{"city":"Paris","celsius":18}' };
    const response = await call({ response_format: z.object({ city: z.string(), celsius: z.number() }) });
    assert.equal((last()?.json as { format: { type: string } }).format.type, 'object');
    assert.deepEqual(response.choices[0]?.message.parsed, { city: 'Paris', celsius: 18 });
  });

  it('turns reasoning_effort into think and returns thinking as reasoning_content', async () => {
    upstream.reply = { reasoning: 'The user says hi.', content: 'Hello!' };
    const response = await call({ reasoning_effort: 'high' });
    assert.equal((last()?.json as { think: unknown }).think, true);
    assert.deepEqual(response.choices[0]?.message, { role: 'assistant', refusal: null, content: 'Hello!', reasoning_content: 'The user says hi.' });
    assert.match(response.llmux.warnings[0] ?? '', /think: true/);

    await call({ model: 'ollama_chat/gpt-oss:20b', reasoning_effort: 'low' });
    assert.equal((last()?.json as { think: unknown }).think, 'low');
  });

  it('sends earlier reasoning back as thinking', async () => {
    await call({
      messages: [
        { role: 'user', content: 'hi' },
        { role: 'assistant', content: 'Hello!', reasoning_content: 'Greet back.' },
        { role: 'user', content: 'bye' },
      ],
    });
    assert.deepEqual((last()?.json as { messages: unknown[] }).messages[1], { role: 'assistant', content: 'Hello!', thinking: 'Greet back.' });
  });

  it('maps done_reason "length"', async () => {
    upstream.reply = { content: 'cut', finish: 'length' };
    assert.equal((await call({})).choices[0]?.finish_reason, 'length');
  });

  it('throws typed errors from {"error"} bodies', async () => {
    upstream.reply = ollamaError(404, `model "${MODEL}" not found, try pulling it first`);
    await assert.rejects(
      call({}),
      (error: unknown) => error instanceof NotFoundError && error.message === `model "${MODEL}" not found, try pulling it first` && error.provider === 'ollama_chat',
    );
    upstream.reply = ollamaError(500, 'llama runner process has terminated');
    await assert.rejects(call({}), (error: unknown) => error instanceof InternalServerError && error.retryable);
    upstream.reply = ollamaError(400, 'the input length exceeds the context length');
    await assert.rejects(call({}), ContextWindowExceededError);
  });

  it('rejects parameters Ollama has no equivalent for, before sending', async () => {
    const before = upstream.fake.requests.length;
    await assert.rejects(call({ n: 2 }), (error: unknown) => error instanceof UnsupportedParamsError && error.param === 'n');
    assert.equal(upstream.fake.requests.length, before);
  });

  it('throws APIConnectionError when no server listens', async () => {
    await assert.rejects(call({ api_base: 'http://127.0.0.1:1' }), APIConnectionError);
  });

  it('serves ollama/<model> from /api/generate, with the prompt and system flattened', async () => {
    upstream.reply = { content: 'Paris.', usage: { promptTokens: 12, completionTokens: 2 } };
    const response = await generate({
      messages: [
        { role: 'system', content: 'Answer in one word.' },
        { role: 'user', content: 'Capital of France?' },
      ],
      max_tokens: 5,
    });
    assert.equal(last()?.url, '/api/generate');
    assert.deepEqual(last()?.json, { model: MODEL, prompt: 'Capital of France?', stream: false, system: 'Answer in one word.', options: { num_predict: 5 } });
    assert.deepEqual(response.choices, [{ index: 0, message: { role: 'assistant', refusal: null, content: 'Paris.' }, logprobs: null, finish_reason: 'stop' }]);
    assert.deepEqual(response.usage, { prompt_tokens: 12, completion_tokens: 2, total_tokens: 14 });

    await generate({
      messages: [
        { role: 'user', content: 'Hi' },
        { role: 'assistant', content: 'Hello!' },
        { role: 'user', content: 'Capital of France?' },
      ],
    });
    assert.equal((last()?.json as { prompt: string }).prompt, '### User:\nHi\n\n### Assistant:\nHello!\n\n### User:\nCapital of France?\n\n### Assistant:\n');
    await assert.rejects(generate({ tools: [WEATHER_TOOL] }), UnsupportedParamsError);
  });

  it('embeds through /api/embed, as floats or base64', async () => {
    const result = await embedding({ model: 'ollama/nomic-embed-text', api_base: upstream.fake.url, http_client: upstream.http, input: ['hello world', 'bye'] });
    assert.equal(last()?.url, '/api/embed');
    assert.deepEqual(last()?.json, { model: 'nomic-embed-text', input: ['hello world', 'bye'] });
    assert.equal(result.object, 'list');
    assert.equal(result.model, 'nomic-embed-text');
    assert.deepEqual(
      result.data.map((item) => [item.object, item.index]),
      [
        ['embedding', 0],
        ['embedding', 1],
      ],
    );
    const vector = result.data[0]?.embedding as number[];
    assert.equal(vector.length, 8);
    assert.deepEqual(result.usage, { prompt_tokens: 3, total_tokens: 3 });

    const encoded = await embedding({
      model: 'ollama_chat/nomic-embed-text',
      api_base: upstream.fake.url,
      http_client: upstream.http,
      input: 'hello world',
      encoding_format: 'base64',
      dimensions: 8,
    });
    assert.deepEqual(last()?.json, { model: 'nomic-embed-text', input: 'hello world', dimensions: 8 });
    const bytes = Buffer.from(encoded.data[0]?.embedding as string, 'base64');
    assert.deepEqual([...new Float32Array(bytes.buffer, bytes.byteOffset, bytes.length / 4)], vector);

    await assert.rejects(embedding({ model: 'ollama/nomic-embed-text', api_base: upstream.fake.url, http_client: upstream.http, input: [1, 2, 3] }), /text only/);
  });
});
