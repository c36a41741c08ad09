import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { anthropicResponseSchema } from './anthropic-api.js';
import { convertAnthropicResponse } from './convert-anthropic-response.js';
import { JSON_TOOL_NAME } from './convert-to-anthropic-tools.js';
import { expectedCacheUsage } from '../__fixtures__/expected-usage.js';

const CREATED = 1_700_000_000;

function message(content: unknown[], stopReason: string, usage: Record<string, unknown> = { input_tokens: 20, output_tokens: 8 }) {
  return anthropicResponseSchema.parse({
    id: 'msg_test1',
    type: 'message',
    role: 'assistant',
    model: 'claude-test',
    content,
    stop_reason: stopReason,
    stop_sequence: null,
    usage,
  });
}

describe('convertAnthropicResponse', () => {
  it('converts text, thinking and tool_use blocks, keeping thinking blocks in order with their signatures', () => {
    const response = message(
      [
        { type: 'thinking', thinking: 'Need the weather.', signature: 'sig' },
        { type: 'redacted_thinking', data: 'EmwKAhgBEgy3va3pzix/LafPsn4a' },
        { type: 'text', text: 'Checking ' },
        { type: 'text', text: 'now.' },
        { type: 'tool_use', id: 'toolu_a', name: 'get_weather', input: { city: 'Paris' } },
        { type: 'server_tool_use', id: 'srvtoolu_b', name: 'web_search', input: {} },
      ],
      'tool_use',
    );
    assert.deepEqual(convertAnthropicResponse(response, { jsonMode: false, created: CREATED }), {
      id: 'msg_test1',
      object: 'chat.completion',
      created: CREATED,
      model: 'claude-test',
      choices: [
        {
          index: 0,
          message: {
            role: 'assistant',
            refusal: null,
            content: 'Checking now.',
            reasoning_content: 'Need the weather.',
            thinking_blocks: [
              { type: 'thinking', thinking: 'Need the weather.', signature: 'sig' },
              { type: 'redacted_thinking', data: 'EmwKAhgBEgy3va3pzix/LafPsn4a' },
            ],
            tool_calls: [{ id: 'toolu_a', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } }],
          },
          logprobs: null,
          finish_reason: 'tool_calls',
        },
      ],
      usage: expectedCacheUsage(20, 8),
    });
  });

  it('counts cache reads and writes inside prompt_tokens', () => {
    const response = message([{ type: 'text', text: 'hi' }], 'end_turn', {
      input_tokens: 10,
      cache_read_input_tokens: 100,
      cache_creation_input_tokens: 30,
      output_tokens: 4,
    });
    assert.deepEqual(convertAnthropicResponse(response, { jsonMode: false, created: CREATED }).usage, expectedCacheUsage(140, 4, { read: 100, write: 30 }));
  });

  it('returns null content when there is no text', () => {
    const response = message([], 'max_tokens');
    const choice = convertAnthropicResponse(response, { jsonMode: false, created: CREATED }).choices[0];
    assert.equal(choice?.message.content, null);
    assert.equal(choice?.finish_reason, 'length');
  });

  it('turns the JSON tool into text content that stops normally', () => {
    const response = message(
      [
        { type: 'text', text: 'Here you go:' },
        { type: 'tool_use', id: 'toolu_j', name: JSON_TOOL_NAME, input: { name: 'Ada' } },
      ],
      'tool_use',
    );
    const choice = convertAnthropicResponse(response, { jsonMode: true, created: CREATED }).choices[0];
    assert.deepEqual(choice?.message, { role: 'assistant', refusal: null, content: '{"name":"Ada"}' });
    assert.equal(choice?.finish_reason, 'stop');
  });

  it('keeps a tool named like the JSON tool when not in JSON mode', () => {
    const response = message([{ type: 'tool_use', id: 'toolu_j', name: JSON_TOOL_NAME, input: {} }], 'tool_use');
    const choice = convertAnthropicResponse(response, { jsonMode: false, created: CREATED }).choices[0];
    assert.equal(choice?.message.tool_calls?.length, 1);
    assert.equal(choice?.finish_reason, 'tool_calls');
  });
});
