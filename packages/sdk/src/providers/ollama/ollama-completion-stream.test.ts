// Streaming through the public completion() against the fake Ollama upstream: NDJSON
// fragments, whole tool calls, thinking, usage, and failures at each point, plus synthetic
// streams for what the fake does not send (a clean end before `done: true`, bad lines).

import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { startFakeOllamaUpstream, startFakeServer } from '@llmux/fake-upstreams';
import { BadGatewayError, InternalServerError, NotFoundError, completion } from '../../index.js';
import { itHandlesStreamFailures } from '../__fixtures__/stream-failure-cases.js';
import { completionThrough, useFakeServer, useFakeUpstream } from '../__fixtures__/use-fake-upstream.js';
import { assertEndsEarly, assertTextStream } from '../__fixtures__/assert-stream.js';
import { collectStream, streamedDeltas } from '../__fixtures__/collect-stream.js';

const MODEL = 'llama3.2';

describe('ollama streaming through completion()', () => {
  const upstream = useFakeUpstream((reply) => startFakeOllamaUpstream({ reply }), { content: `Hello from ${MODEL}` });

  const { stream } = completionThrough(upstream, { model: `ollama_chat/${MODEL}` });

  it('streams text fragments, the finish reason and usage', async () => {
    upstream.reply = { content: 'The sky is blue', usage: { promptTokens: 26, completionTokens: 4 } };
    const result = await stream({ stream_options: { include_usage: true }, temperature: 0 });
    const chunks = await collectStream(result);

    assert.deepEqual(upstream.fake.requests.at(-1)?.json, { model: MODEL, messages: [{ role: 'user', content: 'hi' }], stream: true, options: { temperature: 0 } });
    assert.equal(upstream.fake.requests.at(-1)?.headers.accept, 'application/x-ndjson');
    assertTextStream(result, chunks, { model: MODEL, deltas: ['The ', 'sky ', 'is ', 'blue'], usage: { prompt_tokens: 26, completion_tokens: 4, total_tokens: 30 } });
    for (const chunk of chunks) assert.equal(chunk.created, chunks[0]?.created);
    assert.match(chunks[0]?.id ?? '', /^chatcmpl-/);
    assert.deepEqual(chunks.at(-2)?.choices, [{ index: 0, delta: {}, finish_reason: 'stop' }]);
  });

  it('streams whole tool calls as OpenAI tool_call deltas, ending in tool_calls', async () => {
    upstream.reply = {
      toolCalls: [
        { name: 'get_weather', arguments: '{"city":"Paris"}' },
        { id: 'call_rome', name: 'get_weather', arguments: '{"city":"Rome"}' },
      ],
    };
    const chunks = await collectStream(await stream({ tools: [{ type: 'function', function: { name: 'get_weather', parameters: { type: 'object' } } }] }));
    const toolDeltas = chunks.flatMap((chunk) => chunk.choices[0]?.delta.tool_calls ?? []);
    assert.equal(toolDeltas.length, 2);
    assert.match(toolDeltas[0]?.id ?? '', /^call_[0-9a-f]{24}$/);
    assert.deepEqual(toolDeltas[0], { index: 0, id: toolDeltas[0]?.id, type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } });
    assert.deepEqual(toolDeltas[1], { index: 1, id: 'call_rome', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Rome"}' } });
    assert.equal(chunks.find((chunk) => chunk.choices[0]?.finish_reason)?.choices[0]?.finish_reason, 'tool_calls');
  });

  it('streams thinking as reasoning_content', async () => {
    upstream.reply = { reasoning: 'The user says hi.', content: 'Hello!' };
    const chunks = await collectStream(await stream({ reasoning_effort: 'medium' }));
    assert.equal((upstream.fake.requests.at(-1)?.json as { think: unknown }).think, true);
    assert.equal(streamedDeltas(chunks, 'reasoning_content').join(''), 'The user says hi.');
    assert.equal(streamedDeltas(chunks, 'content').join(''), 'Hello!');
  });

  it('streams ollama/<model> from /api/generate', async () => {
    upstream.reply = { content: 'That is a fantastic question!' };
    const chunks = await collectStream(
      await completion({ model: `ollama/${MODEL}`, api_base: upstream.fake.url, http_client: upstream.http, messages: [{ role: 'user', content: 'Why?' }], stream: true }),
    );
    assert.deepEqual(upstream.fake.requests.at(-1)?.json, { model: MODEL, prompt: 'Why?', stream: true });
    assert.equal(streamedDeltas(chunks, 'content').join(''), 'That is a fantastic question!');
    assert.equal(chunks.find((chunk) => chunk.choices[0]?.finish_reason)?.choices[0]?.finish_reason, 'stop');
  });

  itHandlesStreamFailures({
    upstream,
    stream: () => stream(),
    // Ollama sends a failure inside a stream as an `{"error"}` line.
    inStream: { errorClass: InternalServerError, message: /error was encountered/ },
    beforeStream: { reply: { error: { status: 404, body: { error: `model "${MODEL}" not found, try pulling it first` } } }, errorClass: NotFoundError },
  });
});

describe('ollama streams the fake does not send', () => {
  let body = '';
  const raw = useFakeServer(() =>
    startFakeServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/x-ndjson' });
      response.end(body);
    }),
  );

  const stream = () => completion({ model: `ollama_chat/${MODEL}`, api_base: raw.fake.url, http_client: raw.http, messages: [{ role: 'user', content: 'hi' }], stream: true });
  const line = (fields: Record<string, unknown>) => `${JSON.stringify({ model: MODEL, created_at: '2025-10-26T17:15:24.097767Z', ...fields })}\n`;

  it('throws APIConnectionError when the stream ends cleanly without done: true', async () => {
    body = line({ message: { role: 'assistant', content: 'The' }, done: false }) + line({ message: { role: 'assistant', content: ' sky' }, done: false });
    await assertEndsEarly(await stream(), 'The sky');
  });

  it('takes created from created_at and reads a final line without a newline', async () => {
    body = line({ message: { role: 'assistant', content: 'Hi' }, done: false }) + line({ message: { role: 'assistant', content: '' }, done: true, eval_count: 1 }).trimEnd();
    const chunks = await collectStream(await stream());
    assert.equal(chunks[0]?.created, Math.floor(Date.parse('2025-10-26T17:15:24.097767Z') / 1000));
    assert.equal(streamedDeltas(chunks, 'content').join(''), 'Hi');
  });

  it('throws BadGatewayError for a line that is not JSON', async () => {
    body = `${line({ message: { role: 'assistant', content: 'Hi' }, done: false })}<html>502</html>\n`;
    await assert.rejects(async () => collectStream(await stream()), BadGatewayError);
  });
});
