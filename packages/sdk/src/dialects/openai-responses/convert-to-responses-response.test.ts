import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import type { ChatCompletion, ChatCompletionMessage, FinishReason } from '../../spec/index.js';
import { convertToResponsesResponse } from './convert-to-responses-response.js';
import { json, withOpenAIClient } from './__fixtures__/serve-openai-reply.js';

function completion(message: Partial<ChatCompletionMessage>, finish: FinishReason = 'stop'): ChatCompletion {
  return {
    id: 'chatcmpl-1',
    object: 'chat.completion',
    created: 1,
    model: 'claude-deployment',
    choices: [{ index: 0, message: { role: 'assistant', content: null, refusal: null, ...message }, logprobs: null, finish_reason: finish }],
    usage: { prompt_tokens: 20, completion_tokens: 8, total_tokens: 28, prompt_tokens_details: { cached_tokens: 5 }, completion_tokens_details: { reasoning_tokens: 3 } },
  };
}

/** The Response as the official client returns it from responses.create. */
function readWithClient(body: unknown) {
  return withOpenAIClient(json(200, body), (client) => client.responses.create({ model: 'alias', input: 'Hi' }));
}

describe('convertToResponsesResponse', () => {
  it('writes text and usage as a Response the official client reads, output_text included', async () => {
    const response = await readWithClient(convertToResponsesResponse(completion({ content: 'Hello there' }), { model: 'alias' }));
    assert.match(response.id, /^resp_/);
    assert.equal(response.object, 'response');
    assert.equal(response.status, 'completed');
    assert.equal(response.model, 'alias');
    assert.equal(response.output_text, 'Hello there');
    assert.equal(response.output.length, 1);
    const [message] = response.output;
    assert.equal(message?.type, 'message');
    if (message?.type === 'message') assert.deepEqual(message.content, [{ type: 'output_text', text: 'Hello there', annotations: [] }]);
    assert.deepEqual(response.usage, {
      input_tokens: 20,
      input_tokens_details: { cached_tokens: 5 },
      output_tokens: 8,
      output_tokens_details: { reasoning_tokens: 3 },
      total_tokens: 28,
    });
  });

  it('puts reasoning first and each tool call as a function_call item with its call id', async () => {
    const reply = completion(
      {
        reasoning_content: 'Need the weather.',
        tool_calls: [
          { id: 'call_a', type: 'function', function: { name: 'weather', arguments: '{"city":"Paris"}' } },
          { id: 'call_b', type: 'function', function: { name: 'weather', arguments: '{"city":"Rome"}' } },
        ],
      },
      'tool_calls',
    );
    const response = await readWithClient(convertToResponsesResponse(reply, { model: 'alias' }));
    assert.deepEqual(
      response.output.map((item) => item.type),
      ['reasoning', 'function_call', 'function_call'],
    );
    const [reasoning, first, second] = response.output;
    if (reasoning?.type === 'reasoning') assert.deepEqual(reasoning.summary, [{ type: 'summary_text', text: 'Need the weather.' }]);
    assert.ok(first?.type === 'function_call' && second?.type === 'function_call');
    assert.equal(first.call_id, 'call_a');
    assert.equal(first.arguments, '{"city":"Paris"}');
    assert.match(first.id ?? '', /^fc_/);
    assert.equal(second.call_id, 'call_b');
    assert.equal(response.output_text, '');
  });

  it('says incomplete, with the reason, when the answer was cut', async () => {
    const cut = await readWithClient(convertToResponsesResponse(completion({ content: 'Hel' }, 'length'), { model: 'alias' }));
    assert.equal(cut.status, 'incomplete');
    assert.deepEqual(cut.incomplete_details, { reason: 'max_output_tokens' });
    const filtered = convertToResponsesResponse(completion({ content: '' }, 'content_filter'), { model: 'alias' });
    assert.deepEqual(filtered.incomplete_details, { reason: 'content_filter' });
  });

  it('echoes the request settings', () => {
    const response = convertToResponsesResponse(completion({ content: 'x' }), {
      model: 'alias',
      request: { model: 'alias', instructions: 'Be brief.', max_output_tokens: 9, store: false, temperature: 0.3 },
      id: 'resp_fixed',
      createdAt: 42,
    });
    assert.equal(response.id, 'resp_fixed');
    assert.equal(response.created_at, 42);
    assert.equal(response['instructions'], 'Be brief.');
    assert.equal(response['max_output_tokens'], 9);
    assert.equal(response['store'], false);
    assert.equal(response['temperature'], 0.3);
  });
});
