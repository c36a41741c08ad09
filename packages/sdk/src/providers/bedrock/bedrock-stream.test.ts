// The ConverseStream converter on recorded Bedrock streams (the shared fixtures beside the
// repository, read in place): the same bytes a real upstream sent, decoded and converted,
// must give the text, reasoning, tool calls, finish reason and usage the recording holds.

import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { decodeAwsEventStream, awsEventHeader } from '../../http/decode-aws-event-stream.js';
import type { ChatCompletionChunk } from '../../spec/index.js';
import type { AwsEvent } from '../aws/read-aws-events.js';
import { collectStream, rebuildThinkingBlocks } from '../__fixtures__/collect-stream.js';
import { convertBedrockStream } from './bedrock-stream.js';
import { expectedCacheUsage } from '../__fixtures__/expected-usage.js';

const FIXTURES = new URL('../../../../../../shared/fixtures/bedrock/', import.meta.url);
const OPTIONS = { id: 'chatcmpl-test', model: 'anthropic.claude-test', created: 1, jsonMode: false, provider: 'bedrock' };

async function* eventsOf(bytes: Uint8Array): AsyncGenerator<AwsEvent> {
  async function* body(): AsyncGenerator<Uint8Array> {
    // Odd-sized slices, so frames straddle chunk boundaries as they do on a socket.
    for (let start = 0; start < bytes.length; start += 37) yield bytes.subarray(start, start + 37);
  }
  for await (const message of decodeAwsEventStream(body(), { provider: 'bedrock', model: 'test' })) {
    yield { type: awsEventHeader(message, ':event-type') ?? '', payload: message.payload };
  }
}

async function convert(name: string, bytes = readFileSync(new URL(name, FIXTURES))): Promise<ChatCompletionChunk[]> {
  return collectStream(convertBedrockStream(eventsOf(bytes), OPTIONS));
}

/** What the recording's decoded twin (`.events.json`) says the text deltas add up to. */
function recordedText(name: string): string {
  const events = JSON.parse(readFileSync(new URL(name.replace(/\.bin$/, '.events.json'), FIXTURES), 'utf8')) as Array<{
    payload: { delta?: { text?: string } };
  }>;
  return events.map((event) => event.payload.delta?.text ?? '').join('');
}

/** The signature the recording's reasoning block ended with. */
function recordedSignature(name: string): string | undefined {
  const events = JSON.parse(readFileSync(new URL(name.replace(/\.bin$/, '.events.json'), FIXTURES), 'utf8')) as Array<{
    payload: { delta?: { reasoningContent?: { signature?: string } } };
  }>;
  return events.find((event) => event.payload.delta?.reasoningContent?.signature !== undefined)?.payload.delta?.reasoningContent?.signature;
}

const text = (chunks: ChatCompletionChunk[]) => chunks.map((chunk) => chunk.choices[0]?.delta.content ?? '').join('');

describe('convertBedrockStream on recorded streams', () => {
  it('converts a recorded text stream, usage after messageStop', async () => {
    const chunks = await convert('converse-stream-text.recorded.bin');
    assert.deepEqual(chunks[0]?.choices[0]?.delta, { role: 'assistant', content: '' });
    assert.equal(text(chunks), recordedText('converse-stream-text.recorded.bin'));
    assert.match(text(chunks), /^Let me count the "r"s in "strawberry":/);
    assert.equal(chunks.at(-2)?.choices[0]?.finish_reason, 'stop');
    assert.deepEqual(chunks.at(-1)?.usage, expectedCacheUsage(22, 55));
  });

  it('converts a recorded reasoning stream into reasoning_content and a signed thinking block', async () => {
    const chunks = await convert('converse-stream-reasoning.recorded.bin');
    const reasoning = chunks.map((chunk) => chunk.choices[0]?.delta.reasoning_content ?? '').join('');
    assert.match(reasoning, /^Let me count the r's in "strawberry":/);
    assert.equal(text(chunks), recordedText('converse-stream-reasoning.recorded.bin'));
    assert.ok(text(chunks).length > 0);
    assert.deepEqual(rebuildThinkingBlocks(chunks), [{ type: 'thinking', thinking: reasoning, signature: recordedSignature('converse-stream-reasoning.recorded.bin') }]);
  });

  it('converts a stream of text and two tool calls, with usage sent before messageStop', async () => {
    const chunks = await convert('converse-stream-tool-use.sdk-test.bin');
    assert.equal(text(chunks), recordedText('converse-stream-tool-use.sdk-test.bin'));
    assert.equal(text(chunks), '2 + 2 equals 4. Now let me check the weather for you.');
    const calls = chunks.flatMap((chunk) => chunk.choices[0]?.delta.tool_calls ?? []);
    assert.deepEqual(
      calls.filter((call) => call.id !== undefined).map((call) => [call.index, call.id, call.function?.name]),
      [
        [0, 'weather-tool-1', 'weather'],
        [1, 'weather-tool-2', 'weather'],
      ],
    );
    const argumentsOf = (index: number) =>
      calls
        .filter((call) => call.index === index)
        .map((call) => call.function?.arguments ?? '')
        .join('');
    assert.equal(argumentsOf(0), '{"location":"San Francisco"}');
    assert.equal(argumentsOf(1), '{"location":"London"}');
    assert.equal(chunks.at(-2)?.choices[0]?.finish_reason, 'tool_calls');
    assert.equal(chunks.at(-1)?.usage?.total_tokens, 600);
  });

  it('fails a recorded stream cut before its messageStop', async () => {
    const bytes = readFileSync(new URL('converse-stream-text.recorded.bin', FIXTURES));
    // The last two frames are messageStop (187 bytes) and metadata (207 bytes).
    await assert.rejects(convert('cut', bytes.subarray(0, bytes.length - 207 - 187)), /ended early, before messageStop/);
  });
});
