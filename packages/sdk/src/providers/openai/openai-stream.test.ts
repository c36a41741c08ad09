// The SSE decoder for OpenAI-format streams, on synthetic byte streams: framing leniency,
// tool-call indexes, error events and truncation.

import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { APIConnectionError, BadGatewayError, RateLimitError, type ChatCompletionChunk } from '../../index.js';
import { convertOpenAIStream, type OpenAIStreamOptions } from './openai-stream.js';

const options: OpenAIStreamOptions = {
  provider: 'test',
  model: 'm',
  secrets: ['sk-secret-value-1234'],
  created: 1_700_000_000,
  signal: undefined,
  reasoningField: undefined,
  toolCallIds: undefined,
};

async function* bytes(...parts: string[]): AsyncGenerator<Uint8Array> {
  const encoder = new TextEncoder();
  for (const part of parts) yield encoder.encode(part);
}

async function collect(source: AsyncIterable<Uint8Array>, overrides: Partial<OpenAIStreamOptions> = {}): Promise<ChatCompletionChunk[]> {
  const chunks: ChatCompletionChunk[] = [];
  for await (const chunk of convertOpenAIStream(source, { ...options, ...overrides })) chunks.push(chunk);
  return chunks;
}

const data = (value: unknown): string => `data: ${JSON.stringify(value)}\n\n`;
const chunk = (choices: unknown[], extra: Record<string, unknown> = {}) =>
  data({ id: 'c1', object: 'chat.completion.chunk', created: 1, model: 'm', choices, ...extra });

describe('convertOpenAIStream', () => {
  it('skips comments and blank keep-alives, and events split across reads', async () => {
    const body = chunk([{ index: 0, delta: { content: 'Hi' }, finish_reason: null }]);
    const chunks = await collect(
      bytes(': keep-alive\n\n', '\n\n', body.slice(0, 17), body.slice(17), chunk([{ index: 0, delta: {}, finish_reason: 'stop' }]), 'data: [DONE]\n\n'),
    );
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
});
