// readCohereStream, over an HTTP body, on events shaped like Cohere's API definition and recorded streams:
// both message-start shapes, tool-call fragments addressed by index, and message-end.

import { strict as assert } from 'node:assert';
import { it } from 'node:test';
import { BadGatewayError, InternalServerError } from '../../errors/error-classes.js';
import { Readable } from 'node:stream';
import type { SseEvent } from '../../http/decode-sse.js';
import type { HttpResponse } from '../../http/http-client.js';
import type { ChatCompletionChunk } from '../../spec/index.js';
import { readCohereStream, type CohereStreamOptions } from './cohere-stream.js';
import { collectStream } from '../__fixtures__/collect-stream.js';

const OPTIONS: CohereStreamOptions = { id: 'fallback', created: 7, provider: 'cohere', model: 'command-r', secrets: ['co-secret-key-123'], signal: undefined };

function events(...data: Array<Record<string, unknown> | string>): SseEvent[] {
  return data.map((item) => (typeof item === 'string' ? { event: undefined, data: item } : { event: String(item['type']), data: JSON.stringify(item) }));
}

/** The events framed as Cohere sends them, read from an HTTP body as production reads it. */
async function convert(input: SseEvent[]): Promise<ChatCompletionChunk[]> {
  const wire = input.map(({ event, data }) => `${event === undefined ? '' : `event: ${event}\n`}data: ${data}\n\n`).join('');
  // A Node stream stands in for undici's body: the reader only iterates it.
  const body = Readable.from([Buffer.from(wire)], { objectMode: false }) as unknown as HttpResponse['body'];
  return collectStream(readCohereStream({ status: 200, headers: {}, body }, OPTIONS));
}

const END = {
  type: 'message-end',
  delta: { finish_reason: 'TOOL_CALL', usage: { billed_units: { input_tokens: 119, output_tokens: 44 }, tokens: { input_tokens: 1549, output_tokens: 95 }, cached_tokens: 1504 } },
};

it('converts a tool-calling stream with the recorded message-start shape', async () => {
  const chunks = await convert(
    events(
      { id: 'f201af17', type: 'message-start', delta: { message: { role: 'assistant', content: [], tool_plan: '', tool_calls: [], citations: [] } } },
      { type: 'tool-plan-delta', delta: { message: { tool_plan: 'I will' } } },
      { type: 'tool-plan-delta', delta: { message: { tool_plan: ' look.' } } },
      { type: 'tool-call-start', index: 0, delta: { message: { tool_calls: { id: 'weather_dqg', type: 'function', function: { name: 'weather', arguments: '' } } } } },
      { type: 'tool-call-delta', index: 0, delta: { message: { tool_calls: { function: { arguments: '{"location":' } } } } },
      { type: 'tool-call-delta', index: 0, delta: { message: { tool_calls: { function: { arguments: '"SF"}' } } } } },
      { type: 'tool-call-end', index: 0 },
      END,
    ),
  );
  const base = { id: 'f201af17', object: 'chat.completion.chunk', created: 7, model: 'command-r' };
  assert.deepEqual(chunks, [
    { ...base, choices: [{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }] },
    { ...base, choices: [{ index: 0, delta: { reasoning_content: 'I will' }, finish_reason: null }] },
    { ...base, choices: [{ index: 0, delta: { reasoning_content: ' look.' }, finish_reason: null }] },
    {
      ...base,
      choices: [{ index: 0, delta: { tool_calls: [{ index: 0, id: 'weather_dqg', type: 'function', function: { name: 'weather', arguments: '' } }] }, finish_reason: null }],
    },
    { ...base, choices: [{ index: 0, delta: { tool_calls: [{ index: 0, function: { arguments: '{"location":' } }] }, finish_reason: null }] },
    { ...base, choices: [{ index: 0, delta: { tool_calls: [{ index: 0, function: { arguments: '"SF"}' } }] }, finish_reason: null }] },
    { ...base, choices: [{ index: 0, delta: {}, finish_reason: 'tool_calls' }] },
    { ...base, choices: [], usage: { prompt_tokens: 119, completion_tokens: 44, total_tokens: 163 } },
  ]);
});

it('reads thinking and text content items by their fields', async () => {
  const chunks = await convert(
    events(
      { type: 'message-start', id: 'm1', delta: { message: { role: 'assistant' } } },
      { type: 'content-start', index: 0, delta: { message: { content: { type: 'thinking', thinking: '' } } } },
      { type: 'content-delta', index: 0, delta: { message: { content: { thinking: 'Hmm.' } } } },
      { type: 'content-start', index: 1, delta: { message: { content: { type: 'text', text: '' } } } },
      { type: 'content-delta', index: 1, delta: { message: { content: { text: 'Yes' } } } },
      { type: 'debug' },
      { type: 'message-end', delta: { finish_reason: 'MAX_TOKENS' } },
    ),
  );
  assert.deepEqual(
    chunks.slice(1, 4).map((chunk) => chunk.choices[0]),
    [
      { index: 0, delta: { reasoning_content: 'Hmm.' }, finish_reason: null },
      { index: 0, delta: { content: 'Yes' }, finish_reason: null },
      { index: 0, delta: {}, finish_reason: 'length' },
    ],
  );
  assert.deepEqual(chunks[4]?.usage, { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 });
});

it('throws an error report without a type, with secrets redacted', async () => {
  await assert.rejects(convert(events({ type: 'message-start', id: 'm1' }, '{"message":"bad key co-secret-key-123"}')), (error: unknown) => {
    return error instanceof InternalServerError && !error.message.includes('co-secret-key-123');
  });
  await assert.rejects(convert(events('not json')), BadGatewayError);
});
