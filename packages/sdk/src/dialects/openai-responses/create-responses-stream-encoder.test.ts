import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { ServiceUnavailableError } from '../../errors/error-classes.js';
import type { ChatCompletionChunk, ChatCompletionChunkDelta, FinishReason, Usage } from '../../spec/index.js';
import { createResponsesStreamEncoder } from './create-responses-stream-encoder.js';
import { sse, withOpenAIClient } from './__fixtures__/serve-openai-reply.js';

function chunk(delta: ChatCompletionChunkDelta, finishReason: FinishReason | null = null): ChatCompletionChunk {
  return { id: 'chatcmpl-1', object: 'chat.completion.chunk', created: 1, model: 'deployment', choices: [{ index: 0, delta, finish_reason: finishReason }] };
}

const USAGE: Usage = { prompt_tokens: 30, completion_tokens: 12, total_tokens: 42 };
const usageChunk: ChatCompletionChunk = { id: 'chatcmpl-1', object: 'chat.completion.chunk', created: 1, model: 'deployment', choices: [], usage: USAGE };

function encode(chunks: ChatCompletionChunk[], usage?: Usage): string {
  const encoder = createResponsesStreamEncoder({ model: 'alias' });
  return chunks.map((one) => encoder.chunk(one)).join('') + encoder.end(usage);
}

function events(body: string): { type: string; sequence_number: number; [key: string]: unknown }[] {
  return body
    .split('\n\n')
    .filter((frame) => frame !== '')
    .map((frame) => {
      const [eventLine, dataLine] = frame.split('\n');
      const data = JSON.parse((dataLine ?? '').replace(/^data: /, '')) as { type: string; sequence_number: number };
      assert.equal(eventLine, `event: ${data.type}`);
      return data;
    });
}

function assertSequenced(body: string): string[] {
  const list = events(body);
  list.forEach((event, index) => assert.equal(event.sequence_number, index));
  return list.map((event) => event.type);
}

describe('createResponsesStreamEncoder', () => {
  it('writes a text stream as Responses events the official client accumulates', async () => {
    const body = encode([chunk({ role: 'assistant', content: '' }), chunk({ content: 'Hello' }), chunk({ content: ' world' }), chunk({}, 'stop'), usageChunk]);
    assert.deepEqual(assertSequenced(body), [
      'response.created',
      'response.in_progress',
      'response.output_item.added',
      'response.content_part.added',
      'response.output_text.delta',
      'response.output_text.delta',
      'response.output_text.done',
      'response.content_part.done',
      'response.output_item.done',
      'response.completed',
    ]);
    const seen: string[] = [];
    const response = await withOpenAIClient(sse(body), async (client) => {
      const stream = client.responses.stream({ model: 'alias', input: 'Hi' });
      stream.on('response.output_text.delta', (event) => seen.push(event.delta));
      return stream.finalResponse();
    });
    assert.deepEqual(seen, ['Hello', ' world']);
    assert.equal(response.status, 'completed');
    assert.equal(response.output_text, 'Hello world');
    assert.equal(response.model, 'alias');
    assert.deepEqual(response.usage, {
      input_tokens: 30,
      input_tokens_details: { cached_tokens: 0 },
      output_tokens: 12,
      output_tokens_details: { reasoning_tokens: 0 },
      total_tokens: 42,
    });
  });

  it('streams reasoning and tool calls as their own items, arguments in deltas', async () => {
    const body = encode(
      [
        chunk({ reasoning_content: 'Think' }),
        chunk({ reasoning_content: 'ing.' }),
        chunk({ tool_calls: [{ index: 0, id: 'call_1', type: 'function', function: { name: 'weather', arguments: '' } }] }),
        chunk({ tool_calls: [{ index: 0, function: { arguments: '{"city":' } }] }),
        chunk({ tool_calls: [{ index: 0, function: { arguments: '"Paris"}' } }] }),
        chunk({ tool_calls: [{ index: 1, id: 'call_2', type: 'function', function: { name: 'time', arguments: '{}' } }] }),
        chunk({}, 'tool_calls'),
      ],
      USAGE,
    );
    const types = assertSequenced(body);
    assert.ok(types.includes('response.function_call_arguments.delta'));
    assert.equal(types.filter((type) => type === 'response.function_call_arguments.done').length, 2);
    assert.equal(types.at(-1), 'response.completed');
    const response = await withOpenAIClient(sse(body), (client) => client.responses.stream({ model: 'alias', input: 'Hi' }).finalResponse());
    assert.deepEqual(
      response.output.map((item) => item.type),
      ['reasoning', 'function_call', 'function_call'],
    );
    const [reasoning, first, second] = response.output;
    if (reasoning?.type === 'reasoning') assert.deepEqual(reasoning.summary, [{ type: 'summary_text', text: 'Thinking.' }]);
    assert.ok(first?.type === 'function_call' && second?.type === 'function_call');
    assert.deepEqual([first.call_id, first.name, first.arguments, first.status], ['call_1', 'weather', '{"city":"Paris"}', 'completed']);
    assert.deepEqual([second.call_id, second.name, second.arguments], ['call_2', 'time', '{}']);
  });

  it('ends a cut answer with response.incomplete', async () => {
    const body = encode([chunk({ content: 'Hel' }), chunk({}, 'length')], USAGE);
    assert.equal(assertSequenced(body).at(-1), 'response.incomplete');
    const response = await withOpenAIClient(sse(body), (client) => client.responses.stream({ model: 'alias', input: 'Hi' }).finalResponse());
    assert.equal(response.status, 'incomplete');
    assert.deepEqual(response.incomplete_details, { reason: 'max_output_tokens' });
    assert.equal(response.output_text, 'Hel');
  });

  it('ends with response.failed for an error after the stream began, and writes nothing after', () => {
    const encoder = createResponsesStreamEncoder({ model: 'alias' });
    const body = encoder.chunk(chunk({ content: 'Hi' })) + encoder.error(new ServiceUnavailableError('upstream overloaded'));
    const list = events(body);
    const last = list.at(-1);
    assert.equal(last?.type, 'response.failed');
    assert.deepEqual((last?.['response'] as { status: string; error: unknown }).error, { code: 'server_error', message: 'upstream overloaded' });
    assert.equal((last?.['response'] as { status: string }).status, 'failed');
    assert.equal(encoder.end(USAGE), '');
  });
});
