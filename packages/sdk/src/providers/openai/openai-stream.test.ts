// The SSE decoder for OpenAI-format streams, on synthetic byte streams: framing leniency,
// tool-call indexes, error events, truncation, and the body reader's early stop and backpressure.

import { strict as assert } from 'node:assert';
import { PassThrough, Readable } from 'node:stream';
import { describe, it } from 'node:test';
import { APIConnectionError, BadGatewayError, RateLimitError, type ChatCompletionChunk } from '../../index.js';
import type { HttpResponse } from '../../http/http-client.js';
import { convertOpenAIStream, readOpenAIStream, type OpenAIStreamOptions } from './openai-stream.js';

const options: OpenAIStreamOptions = {
  provider: 'test',
  model: 'm',
  secrets: ['sk-secret-value-1234'],
  created: 1_700_000_000,
  signal: undefined,
  reasoningField: undefined,
  toolCallIds: undefined,
};

/** The reads an upstream body delivers, in order. */
const bytes = (...parts: (string | Uint8Array)[]): (string | Uint8Array)[] => parts;

type Outcome = { chunks: ChatCompletionChunk[]; error?: unknown };

async function gather(iterable: AsyncIterable<ChatCompletionChunk>): Promise<Outcome> {
  const chunks: ChatCompletionChunk[] = [];
  try {
    for await (const chunk of iterable) chunks.push(chunk);
    return { chunks };
  } catch (error) {
    return { chunks, error };
  }
}

function asBody(parts: (string | Uint8Array)[]): HttpResponse {
  const body = Readable.from(
    parts.map((part) => (typeof part === 'string' ? Buffer.from(part) : Buffer.from(part))),
    { objectMode: false },
  );
  // A Node stream stands in for undici's body: the reader only iterates it.
  return { status: 200, headers: {}, body: body as unknown as HttpResponse['body'] };
}

/**
 * Reads the parts both ways a stream is read: from an HTTP body (readOpenAIStream, every
 * OpenAI-format provider) and from an iterable of bytes (convertOpenAIStream, SageMaker).
 * Both must give the same chunks and the same error.
 */
async function collect(parts: (string | Uint8Array)[], overrides: Partial<OpenAIStreamOptions> = {}): Promise<ChatCompletionChunk[]> {
  const fromBody = await gather(readOpenAIStream(asBody(parts), { ...options, ...overrides }));
  async function* iterable(): AsyncGenerator<Uint8Array | string> {
    yield* parts;
  }
  const fromIterable = await gather(convertOpenAIStream(iterable(), { ...options, ...overrides }));
  assert.deepEqual(fromIterable, fromBody);
  if (fromBody.error !== undefined) throw fromBody.error;
  return fromBody.chunks;
}

const data = (value: unknown): string => `data: ${JSON.stringify(value)}\n\n`;
const chunk = (choices: unknown[], extra: Record<string, unknown> = {}) => data({ id: 'c1', object: 'chat.completion.chunk', created: 1, model: 'm', choices, ...extra });

describe('OpenAI stream reading', () => {
  it('skips comments and blank keep-alives, and events split across reads', async () => {
    const body = chunk([{ index: 0, delta: { content: 'Hi' }, finish_reason: null }]);
    const chunks = await collect(bytes(': keep-alive\n\n', '\n\n', body.slice(0, 17), body.slice(17), chunk([{ index: 0, delta: {}, finish_reason: 'stop' }]), 'data: [DONE]\n\n'));
    assert.equal(chunks.length, 2);
    assert.equal(chunks[0]?.choices[0]?.delta.content, 'Hi');
    assert.equal(chunks[1]?.choices[0]?.finish_reason, 'stop');
  });

  it('fills a missing finish_reason with null and keeps the usage-only chunk', async () => {
    const chunks = await collect(
      bytes(
        chunk([{ index: 0, delta: { role: 'assistant', reasoning_content: 'Think' } }]),
        chunk([{ index: 0, delta: {}, finish_reason: 'stop' }]),
        chunk([], { usage: { prompt_tokens: 3, completion_tokens: 1, total_tokens: 9 } }),
        'data: [DONE]\n\n',
      ),
    );
    assert.deepEqual(chunks[0]?.choices[0], { index: 0, delta: { role: 'assistant', reasoning_content: 'Think' }, finish_reason: null });
    assert.deepEqual(chunks[2]?.usage, { prompt_tokens: 3, completion_tokens: 1, total_tokens: 9 });
  });

  it('skips chunks that carry nothing canonical', async () => {
    const chunks = await collect(
      bytes(
        data({ id: '', object: '', created: 0, model: '', choices: [], prompt_filter_results: [{ prompt_index: 0 }] }),
        chunk([{ index: 0, delta: { content: 'x' }, finish_reason: 'stop' }]),
        'data: [DONE]\n\n',
      ),
    );
    assert.equal(chunks.length, 1);
  });

  it('numbers tool calls that arrive whole and without an index', async () => {
    const call = (id: string) => ({ id, function: { name: 'f', arguments: '{}' } });
    const chunks = await collect(
      bytes(
        chunk([{ index: 0, delta: { tool_calls: [call('aaaaaaaaa')] }, finish_reason: null }]),
        chunk([{ index: 0, delta: { tool_calls: [call('bbbbbbbbb'), call('ccccccccc')] }, finish_reason: 'tool_calls' }]),
        'data: [DONE]\n\n',
      ),
    );
    const deltas = chunks.flatMap((item) => item.choices[0]?.delta.tool_calls ?? []);
    assert.deepEqual(
      deltas.map((delta) => [delta.index, delta.id, delta.type]),
      [
        [0, 'aaaaaaaaa', 'function'],
        [1, 'bbbbbbbbb', 'function'],
        [2, 'ccccccccc', 'function'],
      ],
    );
  });

  it('accepts a stream that finished but closed without [DONE]', async () => {
    const chunks = await collect(bytes(chunk([{ index: 0, delta: { content: 'x' }, finish_reason: 'stop' }])));
    assert.equal(chunks.length, 1);
  });

  it('throws when the stream ends before [DONE] and before any finish_reason', async () => {
    await assert.rejects(collect(bytes(chunk([{ index: 0, delta: { content: 'x' }, finish_reason: null }]))), (error: unknown) => {
      assert.ok(error instanceof APIConnectionError);
      assert.match(error.message, /ended early/);
      return true;
    });
  });

  it('throws an error event as the typed error, with secrets redacted', async () => {
    const event = data({ error: { message: 'slow down sk-secret-value-1234', type: 'tokens', code: 'rate_limit_exceeded' } });
    await assert.rejects(collect(bytes(event)), (error: unknown) => {
      assert.ok(error instanceof RateLimitError);
      assert.doesNotMatch(error.message, /sk-secret-value-1234/);
      return true;
    });
  });

  it('rejects an event that is not JSON', async () => {
    await assert.rejects(collect(bytes('data: {not json\n\n')), BadGatewayError);
  });

  it('maps rewritten tool-call ids back', async () => {
    const chunks = await collect(bytes(chunk([{ index: 0, delta: { tool_calls: [{ index: 0, id: 'Abc123xyz', type: 'function' }] }, finish_reason: 'tool_calls' }])), {
      toolCallIds: new Map([['Abc123xyz', 'call_original']]),
    });
    assert.equal(chunks[0]?.choices[0]?.delta.tool_calls?.[0]?.id, 'call_original');
  });

  it('keeps a character split across two reads whole', async () => {
    const event = Buffer.from(chunk([{ index: 0, delta: { content: 'café' }, finish_reason: 'stop' }]));
    const split = event.indexOf(Buffer.from('é')) + 1;
    const chunks = await collect(bytes(event.subarray(0, split), event.subarray(split)));
    assert.equal(chunks[0]?.choices[0]?.delta.content, 'café');
  });

  it('ends a read that is waiting when the reader stops, and frees the upstream body', async () => {
    const body = new PassThrough();
    // A Node stream stands in for undici's body: the reader only iterates it.
    const stream = readOpenAIStream({ status: 200, headers: {}, body: body as unknown as HttpResponse['body'] }, options);
    body.write(chunk([{ index: 0, delta: { content: 'a' }, finish_reason: null }]));
    assert.equal((await stream.next()).value?.choices[0]?.delta.content, 'a');
    const waiting = stream.next();
    await stream.return?.();
    assert.deepEqual(await waiting, { done: true, value: undefined });
    assert.equal(body.destroyed, true);
  });

  it('pauses the upstream body while many chunks wait unread, and resumes when they are read', async () => {
    const body = new PassThrough();
    // A Node stream stands in for undici's body: the reader only iterates it.
    const stream = readOpenAIStream({ status: 200, headers: {}, body: body as unknown as HttpResponse['body'] }, options);
    for (let index = 0; index < 100; index += 1) body.write(chunk([{ index: 0, delta: { content: String(index) }, finish_reason: null }]));
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(body.isPaused(), true);
    const seen: string[] = [];
    body.end(chunk([{ index: 0, delta: {}, finish_reason: 'stop' }]));
    for await (const item of stream) seen.push(item.choices[0]?.delta.content ?? 'end');
    assert.equal(seen.length, 101);
    assert.equal(seen[99], '99');
  });
});
