// Streaming through the public completion() against the fake Cohere upstream: content,
// tool plan and tool-call deltas, usage, and failures at each point, plus synthetic replies
// for what the fake does not send (a trailing [DONE], a stream cut before message-end, an
// ERROR finish on a JSON reply).

import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { startFakeCohereUpstream, startFakeServer } from '@llmux/fake-upstreams';
import { GatewayTimeoutError, InternalServerError, RateLimitError, completion } from '../../index.js';
import { itHandlesStreamFailures } from '../__fixtures__/stream-failure-cases.js';
import { completionThrough, useFakeServer, useFakeUpstream } from '../__fixtures__/use-fake-upstream.js';
import { assertEndsEarly, assertTextStream } from '../__fixtures__/assert-stream.js';
import { collectStream, rebuildToolCalls, streamedDeltas } from '../__fixtures__/collect-stream.js';

const API_KEY = 'co-test-0123456789';
const MODEL = 'command-a-03-2025';

describe('cohere streaming through completion()', () => {
  const upstream = useFakeUpstream((reply) => startFakeCohereUpstream({ apiKey: API_KEY, reply }), { content: `Hello from ${MODEL}` });

  const { stream } = completionThrough(upstream, { model: `cohere/${MODEL}`, api_key: API_KEY });

  it('streams text deltas, the finish reason and usage', async () => {
    upstream.reply = { content: 'LLMs stand for Large Language Models', usage: { promptTokens: 5, completionTokens: 26 } };
    const result = await stream({ stream_options: { include_usage: true } });
    const chunks = await collectStream(result);

    assert.deepEqual(upstream.fake.requests.at(-1)?.json, { model: MODEL, messages: [{ role: 'user', content: 'hi' }], stream: true });
    assert.equal(upstream.fake.requests.at(-1)?.headers.accept, 'text/event-stream');
    assertTextStream(result, chunks, {
      model: MODEL,
      deltas: ['LLMs ', 'stand ', 'for ', 'Large ', 'Language ', 'Models'],
      usage: { prompt_tokens: 5, completion_tokens: 26, total_tokens: 31 },
    });
    assert.match(chunks[0]?.id ?? '', /^[0-9a-f-]{36}$/);
    assert.deepEqual(chunks.at(-2)?.choices, [{ index: 0, delta: {}, finish_reason: 'stop' }]);
  });

  it('streams the tool plan as reasoning and tool calls as indexed deltas', async () => {
    upstream.reply = {
      reasoning: 'I will use the weather tool twice.',
      toolCalls: [
        { id: 'weather_e8p4pn45zt0t', name: 'weather', arguments: '{"location":"San Francisco"}' },
        { id: 'weather_pyxssbwnq9fq', name: 'weather', arguments: '{"location":"Oslo"}' },
      ],
    };
    const chunks = await collectStream(await stream({ tools: [{ type: 'function', function: { name: 'weather', parameters: { type: 'object' } } }] }));
    assert.equal(streamedDeltas(chunks, 'reasoning_content').join(''), 'I will use the weather tool twice.');
    assert.deepEqual(rebuildToolCalls(chunks), [
      [0, { id: 'weather_e8p4pn45zt0t', name: 'weather', arguments: '{"location":"San Francisco"}' }],
      [1, { id: 'weather_pyxssbwnq9fq', name: 'weather', arguments: '{"location":"Oslo"}' }],
    ]);
    assert.equal(chunks.find((chunk) => chunk.choices[0]?.finish_reason)?.choices[0]?.finish_reason, 'tool_calls');
  });

  it('streams thinking content as reasoning_content', async () => {
    upstream.reply = { reasoning: 'Simple greeting.', content: 'Hello!' };
    const chunks = await collectStream(await stream({ reasoning_effort: 'high' }));
    assert.deepEqual((upstream.fake.requests.at(-1)?.json as { thinking: unknown }).thinking, { type: 'enabled', token_budget: 24576 });
    assert.equal(streamedDeltas(chunks, 'reasoning_content').join(''), 'Simple greeting.');
    assert.equal(streamedDeltas(chunks, 'content').join(''), 'Hello!');
  });

  itHandlesStreamFailures({
    upstream,
    stream: () => stream(),
    // Cohere ends a failing stream with a message-end whose finish_reason is ERROR.
    inStream: { errorClass: InternalServerError, message: /internal server error/ },
    beforeStream: { reply: { error: { status: 429, body: { message: 'too many requests' } } }, errorClass: RateLimitError },
  });
});

describe('cohere replies the fake does not send', () => {
  let respond: (body: Record<string, unknown>) => { type: string; text: string } = () => ({ type: 'text/event-stream', text: '' });
  const raw = useFakeServer(() =>
    startFakeServer((request, response) => {
      const { type, text } = respond(request.json as Record<string, unknown>);
      response.writeHead(200, { 'content-type': type });
      response.end(text);
    }),
  );

  const params = () => ({ model: `cohere/${MODEL}`, api_base: raw.fake.url, api_key: API_KEY, http_client: raw.http, messages: [{ role: 'user' as const, content: 'hi' }] });
  const streamCall = () => completion({ ...params(), stream: true });
  const event = (type: string, data: Record<string, unknown>) => `event: ${type}\ndata: ${JSON.stringify({ type, ...data })}\n\n`;
  const start = event('message-start', { id: 'abc', delta: { message: { role: 'assistant', content: [], tool_plan: '', tool_calls: [], citations: [] } } });
  const text = (value: string) => event('content-delta', { index: 0, delta: { message: { content: { text: value } } } });

  it('tolerates a trailing data: [DONE] and citation events', async () => {
    respond = () => ({
      type: 'text/event-stream',
      text:
        start +
        event('content-start', { index: 0, delta: { message: { content: { type: 'text', text: '' } } } }) +
        text('Both') +
        event('citation-start', { index: 0, delta: { message: { citations: { start: 0, end: 4, text: 'Both', sources: [] } } } }) +
        event('citation-end', { index: 0 }) +
        text(' bands') +
        event('content-end', { index: 0 }) +
        event('message-end', { delta: { finish_reason: 'COMPLETE', usage: { tokens: { input_tokens: 3, output_tokens: 2 } } } }) +
        'data: [DONE]\n\n',
    });
    const result = await streamCall();
    const chunks = await collectStream(result);
    assert.equal(streamedDeltas(chunks, 'content').join(''), 'Both bands');
    assert.equal(chunks[0]?.id, 'abc');
    assert.deepEqual(result.usage, { prompt_tokens: 3, completion_tokens: 2, total_tokens: 5 });
  });

  it('throws APIConnectionError when the stream ends before message-end', async () => {
    respond = () => ({ type: 'text/event-stream', text: start + text('The') + text(' sky') });
    await assertEndsEarly(await streamCall(), 'The sky');
  });

  it('throws a TIMEOUT finish as a gateway timeout', async () => {
    respond = () => ({ type: 'text/event-stream', text: start + text('The') + event('message-end', { delta: { finish_reason: 'TIMEOUT' } }) });
    await assert.rejects(async () => collectStream(await streamCall()), GatewayTimeoutError);
  });

  it('throws a JSON reply that finished with ERROR instead of returning it as an answer', async () => {
    respond = () => ({
      type: 'application/json',
      text: JSON.stringify({ id: 'x', message: { role: 'assistant', content: [{ type: 'text', text: 'half' }] }, finish_reason: 'ERROR' }),
    });
    await assert.rejects(completion({ ...params(), stream: false }), (error: unknown) => error instanceof InternalServerError && error.retryable);
  });
});
