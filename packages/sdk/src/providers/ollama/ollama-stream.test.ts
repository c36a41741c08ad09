// convertOllamaStream on NDJSON lines shaped like Ollama's documented streams: the oldest
// done line without done_reason, whole tool calls, generate fragments and an error line.

import { strict as assert } from 'node:assert';
import { it } from 'node:test';
import { InternalServerError } from '../../errors/error-classes.js';
import type { ChatCompletionChunk } from '../../spec/index.js';
import { convertOllamaStream, type OllamaStreamOptions } from './ollama-stream.js';
import { collectStream } from '../__fixtures__/collect-stream.js';

const OPTIONS: OllamaStreamOptions = { id: 'chatcmpl-test', created: 1, provider: 'ollama_chat', model: 'fallback', secrets: [], signal: undefined };

async function convert(lines: string[]): Promise<ChatCompletionChunk[]> {
  async function* source(): AsyncGenerator<string> {
    yield* lines;
  }
  return collectStream(convertOllamaStream(source(), OPTIONS));
}

it('converts a chat stream whose done line has no done_reason', async () => {
  const chunks = await convert([
    '{"model":"mistral","created_at":"2024-01-02T03:04:05.123456789-07:00","message":{"role":"assistant","content":"Bonjour","images":null},"done":false}',
    '{"model":"mistral","created_at":"2024-01-02T03:04:06Z","message":{"role":"assistant","content":""},"done":true,"total_duration":100,"prompt_eval_count":7,"eval_count":3}',
  ]);
  const created = Math.floor(Date.parse('2024-01-02T03:04:05.123-07:00') / 1000);
  const base = { id: 'chatcmpl-test', object: 'chat.completion.chunk', created, model: 'mistral' };
  assert.deepEqual(chunks, [
    { ...base, choices: [{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }] },
    { ...base, choices: [{ index: 0, delta: { content: 'Bonjour' }, finish_reason: null }] },
    { ...base, choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] },
    { ...base, choices: [], usage: { prompt_tokens: 7, completion_tokens: 3, total_tokens: 10 } },
  ]);
});

it('converts whole tool calls and ends in tool_calls although Ollama says stop', async () => {
  const chunks = await convert([
    '{"model":"qwen3","created_at":"2025-01-01T00:00:00Z","message":{"role":"assistant","content":"","tool_calls":[{"function":{"name":"lookup","arguments":{"q":"a \\u003c b"}}}]},"done":false}',
    '{"model":"qwen3","created_at":"2025-01-01T00:00:01Z","message":{"role":"assistant","content":""},"done_reason":"stop","done":true,"prompt_eval_count":50,"eval_count":9}',
  ]);
  const call = chunks[1]?.choices[0]?.delta.tool_calls?.[0];
  assert.deepEqual({ ...call, id: 'x' }, { index: 0, id: 'x', type: 'function', function: { name: 'lookup', arguments: '{"q":"a < b"}' } });
  assert.equal(chunks[2]?.choices[0]?.finish_reason, 'tool_calls');
});

it('reads generate fragments and thinking at the top level', async () => {
  const chunks = await convert([
    '{"model":"deepseek-r1","created_at":"2025-01-01T00:00:00Z","response":"","thinking":"Hmm.","done":false}',
    '{"model":"deepseek-r1","created_at":"2025-01-01T00:00:00Z","response":"Yes","done":false}',
    '{"model":"deepseek-r1","created_at":"2025-01-01T00:00:00Z","response":"","done":true,"done_reason":"length"}',
  ]);
  assert.deepEqual(
    chunks.map((chunk) => chunk.choices[0]?.delta),
    [{ role: 'assistant', content: '' }, { reasoning_content: 'Hmm.' }, { content: 'Yes' }, {}, undefined],
  );
  assert.equal(chunks[3]?.choices[0]?.finish_reason, 'length');
  assert.deepEqual(chunks[4]?.usage, { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 });
});

it('throws an error line as a retryable server error, after the content before it', async () => {
  const seen: string[] = [];
  async function* source(): AsyncGenerator<string> {
    yield '{"model":"gemma","created_at":"2025-01-01T00:00:00Z","response":" Yes","done":false}';
    yield '{"error":"an error was encountered while running the model"}';
  }
  await assert.rejects(
    async () => {
      for await (const chunk of convertOllamaStream(source(), OPTIONS)) seen.push(chunk.choices[0]?.delta.content ?? '');
    },
    (error: unknown) => error instanceof InternalServerError && error.message === 'an error was encountered while running the model' && error.provider === 'ollama_chat',
  );
  assert.deepEqual(seen, ['', ' Yes']);
});

it('ignores lines after done, so the body can be read to its end', async () => {
  const chunks = await convert(['{"model":"m","response":"a","done":true}', '{"model":"m","response":"late","done":false}']);
  assert.equal(
    chunks.some((chunk) => chunk.choices[0]?.delta.content === 'late'),
    false,
  );
});
