// Streaming through the public completion() against the fake Anthropic upstream: deltas,
// tool JSON fragments, reasoning, usage, structured output, and failures at each point.

import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { startFakeAnthropicUpstream } from '@llmux/fake-upstreams';
import { ServiceUnavailableError } from '../../index.js';
import { JSON_TOOL_NAME } from './convert-to-anthropic-tools.js';
import { itHandlesStreamFailures } from '../__fixtures__/stream-failure-cases.js';
import { completionThrough, useFakeUpstream } from '../__fixtures__/use-fake-upstream.js';
import { assertTextStream } from '../__fixtures__/assert-stream.js';
import { collectStream, rebuildToolCalls, streamedDeltas } from '../__fixtures__/collect-stream.js';
import { expectedCacheUsage } from '../__fixtures__/expected-usage.js';

const API_KEY = 'sk-ant-test-0123456789';
const MODEL = 'claude-test-1';

describe('anthropic streaming through completion()', () => {
  const upstream = useFakeUpstream((reply) => startFakeAnthropicUpstream({ apiKey: API_KEY, reply }), { content: `Hello from ${MODEL}` });

  const { stream } = completionThrough(upstream, { model: `anthropic/${MODEL}`, api_key: API_KEY, max_tokens: 256 });

  it('streams text deltas, the finish reason and usage with cache reads and writes', async () => {
    upstream.reply = { content: 'Bonjour tout le monde', usage: { promptTokens: 120, completionTokens: 6, cachedTokens: 100, cacheWriteTokens: 15 } };
    const result = await stream({ stream_options: { include_usage: true } });
    const chunks = await collectStream(result);

    assert.deepEqual(upstream.fake.requests.at(-1)?.json, {
      model: MODEL,
      max_tokens: 256,
      messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }],
      stream: true,
    });
    assertTextStream(result, chunks, { model: MODEL, deltas: ['Bonjour ', 'tout ', 'le ', 'monde'], usage: expectedCacheUsage(120, 6, { read: 100, write: 15 }) });
    assert.equal(chunks.at(-2)?.choices[0]?.finish_reason, 'stop');
  });

  it('streams tool calls as OpenAI tool_call deltas indexed per tool', async () => {
    upstream.reply = {
      content: 'Checking both.',
      toolCalls: [
        { id: 'toolu_p', name: 'get_weather', arguments: '{"city":"Paris"}' },
        { id: 'toolu_r', name: 'get_weather', arguments: '{"city":"Rome"}' },
      ],
    };
    const chunks = await collectStream(await stream({ tools: [{ type: 'function', function: { name: 'get_weather', parameters: { type: 'object' } } }] }));
    assert.deepEqual(rebuildToolCalls(chunks), [
      [0, { id: 'toolu_p', name: 'get_weather', arguments: '{"city":"Paris"}' }],
      [1, { id: 'toolu_r', name: 'get_weather', arguments: '{"city":"Rome"}' }],
    ]);
    assert.equal(streamedDeltas(chunks, 'content').join(''), 'Checking both.');
    assert.equal(chunks.find((chunk) => chunk.choices[0]?.finish_reason)?.choices[0]?.finish_reason, 'tool_calls');
  });

  it('streams thinking as reasoning_content', async () => {
    upstream.reply = { reasoning: 'The user says hi.', content: 'Hello!' };
    const chunks = await collectStream(await stream({ reasoning_effort: 'minimal', max_tokens: 2000 }));
    assert.equal(streamedDeltas(chunks, 'reasoning_content').join(''), 'The user says hi.');
    assert.equal(streamedDeltas(chunks, 'content').join(''), 'Hello!');
  });

  it('streams emulated structured output as content', async () => {
    upstream.reply = { toolCalls: [{ name: JSON_TOOL_NAME, arguments: '{"city":"Paris","celsius":18}' }] };
    const chunks = await collectStream(await stream({ response_format: { type: 'json_object' } }));
    assert.deepEqual(JSON.parse(streamedDeltas(chunks, 'content').join('')), { city: 'Paris', celsius: 18 });
    assert.equal(
      chunks.some((chunk) => chunk.choices[0]?.delta.tool_calls),
      false,
    );
    assert.equal(chunks.find((chunk) => chunk.choices[0]?.finish_reason)?.choices[0]?.finish_reason, 'stop');
  });

  itHandlesStreamFailures({
    upstream,
    stream: () => stream(),
    // Anthropic reports a failure inside a stream as an `overloaded_error` event.
    inStream: { errorClass: ServiceUnavailableError },
    beforeStream: { reply: { error: { status: 529, body: { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } } } }, errorClass: ServiceUnavailableError },
  });
});
