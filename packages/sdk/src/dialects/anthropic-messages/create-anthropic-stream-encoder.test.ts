import { strict as assert } from 'node:assert';
import { readFile } from 'node:fs/promises';
import { describe, it } from 'node:test';
import Anthropic from '@anthropic-ai/sdk';
import { ServiceUnavailableError } from '../../errors/error-classes.js';
import { decodeSse } from '../../http/decode-sse.js';
import { convertAnthropicStream } from '../../providers/anthropic/anthropic-stream.js';
import type { ChatCompletionChunk, ChatCompletionChunkDelta, FinishReason, Usage } from '../../spec/index.js';
import { createAnthropicStreamEncoder, type AnthropicStreamEncoderOptions } from './create-anthropic-stream-encoder.js';
import { sse, STREAM_PARAMS, withAnthropicClient } from './__fixtures__/serve-anthropic-reply.js';

const FIXTURES = '/work/shared/fixtures/anthropic';

function chunk(delta: ChatCompletionChunkDelta, finishReason: FinishReason | null = null): ChatCompletionChunk {
  return { id: 'chatcmpl-1', object: 'chat.completion.chunk', created: 1, model: 'gpt-test', choices: [{ index: 0, delta, finish_reason: finishReason }] };
}

function usageChunk(usage: Usage): ChatCompletionChunk {
  return { id: 'chatcmpl-1', object: 'chat.completion.chunk', created: 1, model: 'gpt-test', choices: [], usage };
}

const USAGE: Usage = { prompt_tokens: 30, completion_tokens: 12, total_tokens: 42 };

/** The encoder's whole output for a canonical stream. */
function encode(chunks: ChatCompletionChunk[], options: Partial<AnthropicStreamEncoderOptions> = {}, usage?: Usage): string {
  const encoder = createAnthropicStreamEncoder({ model: 'claude-alias', ...options });
  return chunks.map((one) => encoder.chunk(one)).join('') + encoder.end(usage);
}

/** The stream as the official SDK accumulates it. */
function readWithSdk(body: string): Promise<Anthropic.Message> {
  return withAnthropicClient(sse(body), (client) => client.messages.stream(STREAM_PARAMS).finalMessage());
}

function eventTypes(body: string): string[] {
  return [...body.matchAll(/^event: (.+)$/gm)].map((match) => match[1] ?? '');
}

/** Every frame is `event: X` + `data: {"type":"X",…}` with the same X. */
function assertFramesConsistent(body: string): void {
  const frames = body.split('\n\n').filter((frame) => frame !== '');
  for (const frame of frames) {
    const [eventLine, dataLine, ...rest] = frame.split('\n');
    assert.equal(rest.length, 0, `one event and one data line per frame: ${frame}`);
    const data = JSON.parse((dataLine ?? '').replace(/^data: /, '')) as { type: string };
    assert.equal(eventLine, `event: ${data.type}`);
  }
}

describe('createAnthropicStreamEncoder', () => {
  it('writes a text stream as Anthropic events that the official SDK accumulates into the message', async () => {
    const body = encode([chunk({ role: 'assistant', content: '' }), chunk({ content: 'Hello' }), chunk({ content: ' world' }), chunk({}, 'stop'), usageChunk(USAGE)], {
      promptTokens: 28,
    });
    assertFramesConsistent(body);
    assert.deepEqual(eventTypes(body), [
      'message_start',
      'content_block_start',
      'content_block_delta',
      'content_block_delta',
      'content_block_stop',
      'message_delta',
      'message_stop',
    ]);
    assert.match(body, /"usage":\{"input_tokens":28,"output_tokens":0\}/);
    const message = await readWithSdk(body);
    assert.equal(message.id, 'chatcmpl-1');
    assert.equal(message.model, 'claude-alias');
    assert.deepEqual(message.content, [{ type: 'text', text: 'Hello world' }]);
    assert.equal(message.stop_reason, 'end_turn');
    assert.equal(message.stop_sequence, null);
    assert.deepEqual({ ...message.usage }, { input_tokens: 30, output_tokens: 12, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 });
  });

  it('gives each tool call its own tool_use block, with input_json_delta fragments', async () => {
    const body = encode([
      chunk({ role: 'assistant', content: 'Checking.' }),
      chunk({ tool_calls: [{ index: 0, id: 'call_a', type: 'function', function: { name: 'get_weather', arguments: '' } }] }),
      chunk({ tool_calls: [{ index: 0, function: { arguments: '{"city":' } }] }),
      chunk({ tool_calls: [{ index: 0, function: { arguments: '"Paris"}' } }] }),
      chunk({ tool_calls: [{ index: 1, id: 'call_b', type: 'function', function: { name: 'get_time', arguments: '{"zone":"CET"}' } }] }),
      chunk({}, 'tool_calls'),
    ]);
    assertFramesConsistent(body);
    const message = await readWithSdk(body);
    assert.deepEqual(message.content, [
      { type: 'text', text: 'Checking.' },
      { type: 'tool_use', id: 'call_a', name: 'get_weather', input: { city: 'Paris' } },
      { type: 'tool_use', id: 'call_b', name: 'get_time', input: { zone: 'CET' } },
    ]);
    assert.equal(message.stop_reason, 'tool_use');
    assert.equal(body.match(/"type":"input_json_delta"/g)?.length, 3);
  });

  it('streams reasoning_content as a thinking block before the text', async () => {
    const body = encode([chunk({ reasoning_content: 'Two plus ' }), chunk({ reasoning_content: 'two.' }), chunk({ content: '4' }), chunk({}, 'stop')]);
    assert.equal(body.match(/"type":"thinking_delta"/g)?.length, 2);
    const message = await readWithSdk(body);
    assert.deepEqual(message.content, [
      { type: 'thinking', thinking: 'Two plus two.', signature: '' },
      { type: 'text', text: '4' },
    ]);
  });

  it('keeps signed thinking blocks whole: the signature in one signature_delta, redacted blocks intact', async () => {
    const body = encode([
      chunk({ thinking_blocks: [{ index: 0, type: 'thinking', thinking: '', signature: '' }] }),
      chunk({ reasoning_content: 'Need ', thinking_blocks: [{ index: 0, type: 'thinking', thinking: 'Need ', signature: '' }] }),
      chunk({ reasoning_content: 'a tool.', thinking_blocks: [{ index: 0, type: 'thinking', thinking: 'a tool.', signature: '' }] }),
      chunk({ thinking_blocks: [{ index: 0, type: 'thinking', thinking: '', signature: 'EqQB' }] }),
      chunk({ thinking_blocks: [{ index: 0, type: 'thinking', thinking: '', signature: 'Ckg=' }] }),
      chunk({ thinking_blocks: [{ index: 1, type: 'redacted_thinking', data: 'ENCRYPTED' }] }),
      chunk({ content: 'Done.' }),
      chunk({}, 'stop'),
    ]);
    assert.equal(body.match(/"type":"signature_delta"/g)?.length, 1);
    const message = await readWithSdk(body);
    assert.deepEqual(message.content, [
      { type: 'thinking', thinking: 'Need a tool.', signature: 'EqQBCkg=' },
      { type: 'redacted_thinking', data: 'ENCRYPTED' },
      { type: 'text', text: 'Done.' },
    ]);
  });

  it('reports max_tokens, cache usage and a stop sequence the text shows', async () => {
    const truncated = await readWithSdk(
      encode(
        [chunk({ content: 'Once upon' }), chunk({}, 'length')],
        {},
        {
          prompt_tokens: 100,
          completion_tokens: 5,
          total_tokens: 105,
          prompt_tokens_details: { cached_tokens: 60 },
          cache_creation_input_tokens: 30,
        },
      ),
    );
    assert.equal(truncated.stop_reason, 'max_tokens');
    assert.deepEqual({ ...truncated.usage }, { input_tokens: 10, output_tokens: 5, cache_creation_input_tokens: 30, cache_read_input_tokens: 60 });

    const stopped = await readWithSdk(encode([chunk({ content: '1, 2, 3, STOP' }), chunk({}, 'stop')], { stopSequences: ['END', 'STOP'] }));
    assert.equal(stopped.stop_reason, 'stop_sequence');
    assert.equal(stopped.stop_sequence, 'STOP');
  });

  it('closes a stream that sent no chunk with a valid empty message', async () => {
    const body = createAnthropicStreamEncoder({ model: 'claude-alias', messageId: 'msg_fixed' }).end(undefined);
    const message = await readWithSdk(body);
    assert.equal(message.id, 'msg_fixed');
    assert.deepEqual(message.content, []);
    assert.equal(message.stop_reason, 'end_turn');
  });

  it('ends with an error event the SDK raises as an overloaded error, and writes nothing after it', async () => {
    const encoder = createAnthropicStreamEncoder({ model: 'claude-alias' });
    const started = encoder.chunk(chunk({ content: 'Partial' }));
    const failed = encoder.error(new ServiceUnavailableError('upstream overloaded'));
    assert.equal(failed, 'event: error\ndata: {"type":"error","error":{"type":"overloaded_error","message":"upstream overloaded"}}\n\n');
    assert.equal(encoder.end(undefined), '');
    assert.equal(encoder.chunk(chunk({ content: 'late' })), '');
    await assert.rejects(readWithSdk(started + failed), (error: unknown) => {
      assert.ok(error instanceof Anthropic.APIError);
      assert.match(error.message, /overloaded_error/);
      return true;
    });
  });

  for (const fixture of ['stream-text.recorded.sse', 'stream-text-then-tool-use.recorded.sse', 'stream-tool-use-input-json-delta.recorded.sse']) {
    it(`round-trips Anthropic's recorded ${fixture} through the canonical form to the same message`, async () => {
      const recorded = await readFile(`${FIXTURES}/${fixture}`, 'utf8');
      const original = await readWithSdk(recorded);
      const canonical = convertAnthropicStream(decodeSse(toAsync(recorded)), { jsonMode: false, created: 1, provider: 'anthropic', model: 'claude', secrets: [] });
      const encoder = createAnthropicStreamEncoder({ model: original.model });
      let body = '';
      let usage: Usage | undefined;
      for await (const one of canonical) {
        if (one.usage !== undefined && one.usage !== null) usage = one.usage;
        body += encoder.chunk(one);
      }
      body += encoder.end(usage);
      const rebuilt = await readWithSdk(body);
      assert.equal(rebuilt.id, original.id);
      assert.equal(rebuilt.stop_reason, original.stop_reason);
      assert.deepEqual(rebuilt.content.map(essentials), original.content.map(essentials));
      assert.equal(rebuilt.usage.input_tokens, original.usage.input_tokens);
      assert.equal(rebuilt.usage.output_tokens, original.usage.output_tokens);
    });
  }
});

async function* toAsync(text: string): AsyncGenerator<string> {
  yield text;
}

/** What a block says, without the fields Anthropic adds that the canonical form has no room for (citations: null, caller). */
function essentials(block: Anthropic.ContentBlock): unknown {
  switch (block.type) {
    case 'text':
      return { type: 'text', text: block.text };
    case 'tool_use':
      return { type: 'tool_use', id: block.id, name: block.name, input: block.input };
    default:
      return block;
  }
}
