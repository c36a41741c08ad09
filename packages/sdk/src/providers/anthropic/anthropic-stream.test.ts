import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { APIConnectionError, BadGatewayError, ServiceUnavailableError } from '../../errors/error-classes.js';
import type { SseEvent } from '../../http/decode-sse.js';
import type { ChatCompletionChunk } from '../../spec/index.js';
import { convertAnthropicStream, type AnthropicStreamOptions } from './anthropic-stream.js';
import { collectStream, rebuildThinkingBlocks } from '../__fixtures__/collect-stream.js';
import { JSON_TOOL_NAME } from './convert-to-anthropic-tools.js';
import { expectedCacheUsage } from '../__fixtures__/expected-usage.js';

const OPTIONS: AnthropicStreamOptions = { jsonMode: false, created: 1_700_000_000, provider: 'anthropic', model: 'claude-test', secrets: [] };

function event(data: Record<string, unknown>): SseEvent {
  return { event: String(data['type']), data: JSON.stringify(data) };
}

const start = event({
  type: 'message_start',
  message: {
    id: 'msg_s1',
    type: 'message',
    role: 'assistant',
    model: 'claude-test-20250101',
    content: [],
    usage: { input_tokens: 7, cache_read_input_tokens: 50, cache_creation_input_tokens: 3, output_tokens: 1 },
  },
});
const blockStart = (index: number, block: Record<string, unknown>) => event({ type: 'content_block_start', index, content_block: block });
const delta = (index: number, value: Record<string, unknown>) => event({ type: 'content_block_delta', index, delta: value });
const blockStop = (index: number) => event({ type: 'content_block_stop', index });
const messageDelta = (stopReason: string, outputTokens: number) =>
  event({ type: 'message_delta', delta: { stop_reason: stopReason, stop_sequence: null }, usage: { output_tokens: outputTokens } });
const stop = event({ type: 'message_stop' });

async function collect(events: SseEvent[], options: AnthropicStreamOptions = OPTIONS): Promise<ChatCompletionChunk[]> {
  async function* source() {
    yield* events;
  }
  return collectStream(convertAnthropicStream(source(), options));
}

describe('convertAnthropicStream', () => {
  it('converts a text stream with role, deltas, finish and usage chunks', async () => {
    const chunks = await collect([
      start,
      blockStart(0, { type: 'text', text: '' }),
      event({ type: 'ping' }),
      delta(0, { type: 'text_delta', text: 'Bon' }),
      delta(0, { type: 'text_delta', text: 'jour' }),
      blockStop(0),
      messageDelta('end_turn', 9),
      stop,
    ]);
    const base = { id: 'msg_s1', object: 'chat.completion.chunk', created: OPTIONS.created, model: 'claude-test-20250101' };
    assert.deepEqual(chunks, [
      { ...base, choices: [{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }] },
      { ...base, choices: [{ index: 0, delta: { content: 'Bon' }, finish_reason: null }] },
      { ...base, choices: [{ index: 0, delta: { content: 'jour' }, finish_reason: null }] },
      { ...base, choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] },
      {
        ...base,
        choices: [],
        usage: expectedCacheUsage(60, 9, { read: 50, write: 3 }),
      },
    ]);
  });

  it('numbers tool calls by tool block, not by content block', async () => {
    const chunks = await collect([
      start,
      blockStart(0, { type: 'text', text: '' }),
      delta(0, { type: 'text_delta', text: 'Checking.' }),
      blockStop(0),
      blockStart(1, { type: 'tool_use', id: 'toolu_p', name: 'get_weather', input: {} }),
      delta(1, { type: 'input_json_delta', partial_json: '' }),
      delta(1, { type: 'input_json_delta', partial_json: '{"city":' }),
      delta(1, { type: 'input_json_delta', partial_json: '"Paris"}' }),
      blockStop(1),
      blockStart(2, { type: 'tool_use', id: 'toolu_r', name: 'get_weather', input: {} }),
      delta(2, { type: 'input_json_delta', partial_json: '{"city":"Rome"}' }),
      blockStop(2),
      messageDelta('tool_use', 30),
      stop,
    ]);
    const toolDeltas = chunks.flatMap((chunk) => chunk.choices.flatMap((choice) => choice.delta.tool_calls ?? []));
    assert.deepEqual(toolDeltas, [
      { index: 0, id: 'toolu_p', type: 'function', function: { name: 'get_weather', arguments: '' } },
      { index: 0, function: { arguments: '{"city":' } },
      { index: 0, function: { arguments: '"Paris"}' } },
      { index: 1, id: 'toolu_r', type: 'function', function: { name: 'get_weather', arguments: '' } },
      { index: 1, function: { arguments: '{"city":"Rome"}' } },
    ]);
    assert.equal(chunks.at(-2)?.choices[0]?.finish_reason, 'tool_calls');
  });

  it('streams thinking as reasoning_content and numbered thinking_blocks fragments, signatures and redacted blocks included', async () => {
    const chunks = await collect([
      start,
      blockStart(0, { type: 'thinking', thinking: '', signature: '' }),
      delta(0, { type: 'thinking_delta', thinking: 'Hmm, ' }),
      delta(0, { type: 'thinking_delta', thinking: 'weather.' }),
      delta(0, { type: 'signature_delta', signature: 'c2ln' }),
      blockStop(0),
      blockStart(1, { type: 'redacted_thinking', data: 'RW5jcnlwdGVk' }),
      blockStop(1),
      blockStart(2, { type: 'tool_use', id: 'toolu_w', name: 'get_weather', input: {} }),
      delta(2, { type: 'input_json_delta', partial_json: '{}' }),
      blockStop(2),
      blockStart(3, { type: 'thinking', thinking: '', signature: '' }),
      delta(3, { type: 'thinking_delta', thinking: 'Again.' }),
      delta(3, { type: 'signature_delta', signature: 'c2lnMg==' }),
      blockStop(3),
      messageDelta('tool_use', 3),
      stop,
    ]);
    assert.deepEqual(
      chunks.slice(1, 6).map((chunk) => chunk.choices[0]?.delta),
      [
        { thinking_blocks: [{ index: 0, type: 'thinking', thinking: '', signature: '' }] },
        { reasoning_content: 'Hmm, ', thinking_blocks: [{ index: 0, type: 'thinking', thinking: 'Hmm, ', signature: '' }] },
        { reasoning_content: 'weather.', thinking_blocks: [{ index: 0, type: 'thinking', thinking: 'weather.', signature: '' }] },
        { thinking_blocks: [{ index: 0, type: 'thinking', thinking: '', signature: 'c2ln' }] },
        { thinking_blocks: [{ index: 1, type: 'redacted_thinking', data: 'RW5jcnlwdGVk' }] },
      ],
    );
    assert.deepEqual(rebuildThinkingBlocks(chunks), [
      { type: 'thinking', thinking: 'Hmm, weather.', signature: 'c2ln' },
      { type: 'redacted_thinking', data: 'RW5jcnlwdGVk' },
      { type: 'thinking', thinking: 'Again.', signature: 'c2lnMg==' },
    ]);
    // Tool calls keep their own numbering beside the thinking blocks.
    assert.equal(chunks.flatMap((chunk) => chunk.choices[0]?.delta.tool_calls ?? [])[0]?.index, 0);
  });

  it('streams the JSON tool as content and finishes with stop', async () => {
    const chunks = await collect(
      [
        start,
        blockStart(0, { type: 'tool_use', id: 'toolu_j', name: JSON_TOOL_NAME, input: {} }),
        delta(0, { type: 'input_json_delta', partial_json: '{"name":' }),
        delta(0, { type: 'input_json_delta', partial_json: '"Ada"}' }),
        blockStop(0),
        messageDelta('tool_use', 5),
        stop,
      ],
      { ...OPTIONS, jsonMode: true },
    );
    assert.deepEqual(
      chunks.map((chunk) => chunk.choices[0]?.delta),
      [{ role: 'assistant', content: '' }, { content: '{"name":' }, { content: '"Ada"}' }, {}, undefined],
    );
    assert.equal(chunks[3]?.choices[0]?.finish_reason, 'stop');
  });

  it('takes later usage counts from message_delta', async () => {
    const chunks = await collect([
      start,
      event({ type: 'message_delta', delta: { stop_reason: 'end_turn' }, usage: { input_tokens: 8, cache_read_input_tokens: null, output_tokens: 2 } }),
      stop,
    ]);
    assert.equal(chunks.at(-1)?.usage?.prompt_tokens, 8 + 50 + 3);
    assert.equal(chunks.at(-1)?.usage?.completion_tokens, 2);
  });

  it('throws the typed error of an error event', async () => {
    const error = event({ type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } });
    await assert.rejects(collect([start, blockStart(0, { type: 'text', text: '' }), error]), ServiceUnavailableError);
  });

  it('throws when the stream ends before message_stop', async () => {
    await assert.rejects(collect([start, blockStart(0, { type: 'text', text: '' }), delta(0, { type: 'text_delta', text: 'cut' })]), (error: unknown) => {
      return error instanceof APIConnectionError && /ended early/.test(error.message);
    });
  });

  it('ignores unknown event types and rejects malformed events', async () => {
    const chunks = await collect([start, event({ type: 'future_event', anything: 1 }), messageDelta('end_turn', 1), stop]);
    assert.equal(chunks.length, 3);
    await assert.rejects(collect([start, { event: 'content_block_delta', data: '{not json' }]), BadGatewayError);
    await assert.rejects(collect([start, event({ type: 'content_block_delta', delta: { type: 'text_delta' } })]), BadGatewayError);
  });
});
