import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { BadGatewayError } from '../../errors/error-classes.js';
import type { ChatCompletion, ChatCompletionMessage, FinishReason, Usage } from '../../spec/index.js';
import { convertToAnthropicMessage } from './convert-to-anthropic-message.js';
import { json, withAnthropicClient } from './__fixtures__/serve-anthropic-reply.js';

const USAGE: Usage = { prompt_tokens: 20, completion_tokens: 8, total_tokens: 28 };

function completion(message: Partial<ChatCompletionMessage>, finishReason: FinishReason | null, usage: Usage | null = USAGE): ChatCompletion {
  const reply: ChatCompletion = {
    id: 'chatcmpl-9',
    object: 'chat.completion',
    created: 1,
    model: 'gpt-4o-2024-08-06',
    choices: [{ index: 0, message: { role: 'assistant', content: null, refusal: null, ...message }, logprobs: null, finish_reason: finishReason }],
  };
  if (usage !== null) reply.usage = usage;
  return reply;
}

describe('convertToAnthropicMessage', () => {
  it('writes a text reply under the requested model name, with end_turn and usage', () => {
    assert.deepEqual(convertToAnthropicMessage(completion({ content: 'Hello.' }, 'stop'), { model: 'claude-alias' }), {
      id: 'chatcmpl-9',
      type: 'message',
      role: 'assistant',
      model: 'claude-alias',
      content: [{ type: 'text', text: 'Hello.' }],
      stop_reason: 'end_turn',
      stop_sequence: null,
      usage: { input_tokens: 20, output_tokens: 8, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 },
    });
  });

  it('puts thinking first, then text, then tool_use blocks with parsed input', () => {
    const message = convertToAnthropicMessage(
      completion(
        {
          content: 'Let me check.',
          reasoning_content: 'Need weather.',
          thinking_blocks: [
            { type: 'thinking', thinking: 'Need weather.', signature: 'sig' },
            { type: 'redacted_thinking', data: 'ENC' },
          ],
          tool_calls: [
            { id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } },
            { id: 'call_2', type: 'function', function: { name: 'now', arguments: '' } },
          ],
        },
        'tool_calls',
      ),
      { model: 'claude-alias' },
    );
    assert.deepEqual(message.content, [
      { type: 'thinking', thinking: 'Need weather.', signature: 'sig' },
      { type: 'redacted_thinking', data: 'ENC' },
      { type: 'text', text: 'Let me check.' },
      { type: 'tool_use', id: 'call_1', name: 'get_weather', input: { city: 'Paris' } },
      { type: 'tool_use', id: 'call_2', name: 'now', input: {} },
    ]);
    assert.equal(message.stop_reason, 'tool_use');
  });

  it('writes unsigned reasoning_content as a thinking block with an empty signature', () => {
    const message = convertToAnthropicMessage(completion({ content: '4', reasoning_content: '2+2' }, 'stop'), { model: 'm' });
    assert.deepEqual(message.content, [
      { type: 'thinking', thinking: '2+2', signature: '' },
      { type: 'text', text: '4' },
    ]);
  });

  it('maps every finish reason', () => {
    const stop = (finishReason: FinishReason | null, message: Partial<ChatCompletionMessage> = { content: 'x' }) =>
      convertToAnthropicMessage(completion(message, finishReason), { model: 'm' }).stop_reason;
    assert.equal(stop('stop'), 'end_turn');
    assert.equal(stop(null), 'end_turn');
    assert.equal(stop('length'), 'max_tokens');
    assert.equal(stop('tool_calls'), 'tool_use');
    assert.equal(stop('function_call'), 'tool_use');
    assert.equal(stop('content_filter'), 'refusal');
    // Some providers end a tool-calling turn with "stop"; Anthropic clients look for tool_use.
    assert.equal(stop('stop', { tool_calls: [{ id: 'c', type: 'function', function: { name: 'f', arguments: '{}' } }] }), 'tool_use');
  });

  it('names the stop sequence when the reply ends with one of the requested sequences', () => {
    const message = convertToAnthropicMessage(completion({ content: 'a, b, END' }, 'stop'), { model: 'm', stopSequences: ['###', 'END'] });
    assert.equal(message.stop_reason, 'stop_sequence');
    assert.equal(message.stop_sequence, 'END');
    const plain = convertToAnthropicMessage(completion({ content: 'a, b' }, 'stop'), { model: 'm', stopSequences: ['END'] });
    assert.equal(plain.stop_reason, 'end_turn');
  });

  it('reports cache reads and writes apart from input_tokens', () => {
    const usage: Usage = {
      prompt_tokens: 1000,
      completion_tokens: 50,
      total_tokens: 1050,
      prompt_tokens_details: { cached_tokens: 700 },
      cache_creation_input_tokens: 200,
    };
    assert.deepEqual(convertToAnthropicMessage(completion({ content: 'ok' }, 'stop', usage), { model: 'm' }).usage, {
      input_tokens: 100,
      output_tokens: 50,
      cache_creation_input_tokens: 200,
      cache_read_input_tokens: 700,
    });
    assert.deepEqual(convertToAnthropicMessage(completion({ content: 'ok' }, 'stop', null), { model: 'm' }).usage, {
      input_tokens: 0,
      output_tokens: 0,
      cache_creation_input_tokens: 0,
      cache_read_input_tokens: 0,
    });
  });

  it('writes a refusal as text with stop_reason refusal', () => {
    const message = convertToAnthropicMessage(completion({ refusal: 'I cannot help with that.' }, 'content_filter'), { model: 'm' });
    assert.deepEqual(message.content, [{ type: 'text', text: 'I cannot help with that.' }]);
    assert.equal(message.stop_reason, 'refusal');
  });

  it('refuses tool arguments that are not JSON as a 502, unless max_tokens cut them off', () => {
    const broken = { tool_calls: [{ id: 'c', type: 'function' as const, function: { name: 'f', arguments: '{"a": tru' } }] };
    assert.throws(() => convertToAnthropicMessage(completion(broken, 'tool_calls'), { model: 'm' }), BadGatewayError);
    const cut = convertToAnthropicMessage(completion(broken, 'length'), { model: 'm' });
    assert.deepEqual(cut.content, [{ type: 'tool_use', id: 'c', name: 'f', input: {} }]);
    assert.equal(cut.stop_reason, 'max_tokens');
  });

  it('is read by the official SDK as the message it describes', async () => {
    const message = convertToAnthropicMessage(
      completion({ content: 'Sure.', tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'f', arguments: '{"x":1}' } }] }, 'tool_calls'),
      { model: 'claude-alias' },
    );
    const read = await withAnthropicClient(json(200, message), (client) =>
      client.messages.create({ model: 'claude-alias', max_tokens: 100, messages: [{ role: 'user', content: 'go' }] }),
    );
    assert.deepEqual(read, message);
  });
});
