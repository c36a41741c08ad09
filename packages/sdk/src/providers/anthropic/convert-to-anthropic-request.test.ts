import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { BadRequestError } from '../../errors/error-classes.js';
import type { ChatCompletionRequest, ToolChoice } from '../../spec/index.js';
import { convertToAnthropicRequest, DEFAULT_MAX_TOKENS, THINKING_BUDGET_TOKENS } from './convert-to-anthropic-request.js';
import { JSON_TOOL_NAME } from './convert-to-anthropic-tools.js';

const WEATHER_TOOL = {
  type: 'function',
  function: { name: 'get_weather', description: 'Weather for a city', parameters: { type: 'object', properties: { city: { type: 'string' } } } },
} as const;

function convert(request: Partial<ChatCompletionRequest>, stream = false) {
  const warnings: string[] = [];
  const result = convertToAnthropicRequest({ model: 'claude-test', max_tokens: 100, messages: [{ role: 'user', content: 'hi' }], ...request }, { stream, warnings });
  return { ...result, warnings };
}

describe('convertToAnthropicRequest', () => {
  it('writes a minimal body with text blocks and no warnings', () => {
    const { body, warnings, jsonMode } = convert({});
    assert.deepEqual(body, { model: 'claude-test', max_tokens: 100, messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }] });
    assert.deepEqual(warnings, []);
    assert.equal(jsonMode, false);
    assert.equal(convert({}, true).body.stream, true);
  });

  it('moves one system message to a string, several to text blocks', () => {
    assert.equal(
      convert({
        messages: [
          { role: 'system', content: 'Be brief.' },
          { role: 'user', content: 'hi' },
        ],
      }).body.system,
      'Be brief.',
    );
    const { body } = convert({
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'hi' },
        { role: 'developer', content: [{ type: 'text', text: 'Use French.' }] },
      ],
    });
    assert.deepEqual(body.system, [
      { type: 'text', text: 'Be brief.' },
      { type: 'text', text: 'Use French.' },
    ]);
    assert.deepEqual(body.messages, [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }]);
  });

  it('merges consecutive same-role messages and converts images', () => {
    const { body } = convert({
      messages: [
        { role: 'user', content: 'first' },
        {
          role: 'user',
          content: [
            { type: 'text', text: 'what is this?' },
            { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBORw0KGgo=' } },
            { type: 'image_url', image_url: { url: 'https://example.com/cat.jpg', detail: 'high' } },
          ],
        },
      ],
    });
    assert.deepEqual(body.messages, [
      {
        role: 'user',
        content: [
          { type: 'text', text: 'first' },
          { type: 'text', text: 'what is this?' },
          { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'iVBORw0KGgo=' } },
          { type: 'image', source: { type: 'url', url: 'https://example.com/cat.jpg' } },
        ],
      },
    ]);
  });

  it('rejects an image URL that is neither http(s) nor base64 data', () => {
    assert.throws(() => convert({ messages: [{ role: 'user', content: [{ type: 'image_url', image_url: { url: 'ftp://example.com/x.png' } }] }] }), BadRequestError);
  });

  it('turns assistant tool_calls and tool messages into tool_use and grouped tool_result blocks', () => {
    const { body } = convert({
      messages: [
        { role: 'user', content: 'weather in Paris and Rome?' },
        {
          role: 'assistant',
          content: '',
          tool_calls: [
            { id: 'toolu_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } },
            { id: 'toolu_2', type: 'function', function: { name: 'get_weather', arguments: '' } },
          ],
        },
        { role: 'tool', tool_call_id: 'toolu_1', content: 'sunny' },
        { role: 'tool', tool_call_id: 'toolu_2', content: [{ type: 'text', text: 'rainy' }] },
        { role: 'user', content: 'thanks' },
      ],
    });
    assert.deepEqual(body.messages, [
      { role: 'user', content: [{ type: 'text', text: 'weather in Paris and Rome?' }] },
      {
        role: 'assistant',
        content: [
          { type: 'tool_use', id: 'toolu_1', name: 'get_weather', input: { city: 'Paris' } },
          { type: 'tool_use', id: 'toolu_2', name: 'get_weather', input: {} },
        ],
      },
      {
        role: 'user',
        content: [
          { type: 'tool_result', tool_use_id: 'toolu_1', content: 'sunny' },
          { type: 'tool_result', tool_use_id: 'toolu_2', content: [{ type: 'text', text: 'rainy' }] },
          { type: 'text', text: 'thanks' },
        ],
      },
    ]);
  });

  it('puts thinking_blocks first in their turn, before text and tool_use, byte for byte', () => {
    const thinking = { type: 'thinking' as const, thinking: 'Check the weather.', signature: 'EqoBCkgIARABGAIiQL2U+/==' };
    const redacted = { type: 'redacted_thinking' as const, data: 'EmwKAhgBEgy3va3pzix/LafPsn4a' };
    const { body } = convert({
      reasoning_effort: 'low',
      max_tokens: 4000,
      messages: [
        { role: 'user', content: 'weather?' },
        {
          role: 'assistant',
          content: 'Let me check.',
          reasoning_content: 'Check the weather.',
          tool_calls: [{ id: 'toolu_1', type: 'function', function: { name: 'get_weather', arguments: '{}' } }],
          thinking_blocks: [thinking, redacted],
        },
        { role: 'tool', tool_call_id: 'toolu_1', content: 'sunny' },
      ],
    });
    assert.deepEqual(body.messages[1]?.content, [thinking, redacted, { type: 'text', text: 'Let me check.' }, { type: 'tool_use', id: 'toolu_1', name: 'get_weather', input: {} }]);
  });

  it('rejects tool call arguments that are not JSON', () => {
    const messages: ChatCompletionRequest['messages'] = [
      { role: 'user', content: 'x' },
      { role: 'assistant', tool_calls: [{ id: 't', type: 'function', function: { name: 'f', arguments: '{oops' } }] },
    ];
    assert.throws(() => convert({ messages }), BadRequestError);
  });

  it('maps tools and every tool_choice', () => {
    const cases: Array<[ToolChoice | undefined, unknown]> = [
      [undefined, undefined],
      ['auto', { type: 'auto' }],
      ['required', { type: 'any' }],
      ['none', { type: 'none' }],
      [
        { type: 'function', function: { name: 'get_weather' } },
        { type: 'tool', name: 'get_weather' },
      ],
    ];
    for (const [choice, expected] of cases) {
      const { body } = convert({ tools: [WEATHER_TOOL], ...(choice === undefined ? {} : { tool_choice: choice }) });
      assert.deepEqual(body.tools, [{ name: 'get_weather', description: 'Weather for a city', input_schema: { type: 'object', properties: { city: { type: 'string' } } } }]);
      assert.deepEqual(body.tool_choice, expected);
    }
  });

  it('maps parallel_tool_calls: false to disable_parallel_tool_use', () => {
    assert.deepEqual(convert({ tools: [WEATHER_TOOL], parallel_tool_calls: false }).body.tool_choice, { type: 'auto', disable_parallel_tool_use: true });
    assert.deepEqual(convert({ tools: [WEATHER_TOOL], tool_choice: 'required', parallel_tool_calls: false }).body.tool_choice, {
      type: 'any',
      disable_parallel_tool_use: true,
    });
  });

  it('defaults max_tokens with a warning, and prefers max_completion_tokens', () => {
    const defaulted = convert({ max_tokens: undefined });
    assert.equal(defaulted.body.max_tokens, DEFAULT_MAX_TOKENS);
    assert.equal(defaulted.warnings.length, 1);
    assert.match(defaulted.warnings[0] ?? '', /max_tokens/);
    assert.equal(convert({ max_tokens: 10, max_completion_tokens: 20 }).body.max_tokens, 20);
  });

  it('maps stop, temperature, top_p and user', () => {
    const { body } = convert({ stop: 'END', temperature: 0.2, top_p: 0.9, user: 'user-42' });
    assert.deepEqual(body.stop_sequences, ['END']);
    assert.equal(body.temperature, 0.2);
    assert.equal(body.top_p, 0.9);
    assert.deepEqual(body.metadata, { user_id: 'user-42' });
    assert.deepEqual(convert({ stop: ['a', 'b'] }).body.stop_sequences, ['a', 'b']);
  });

  it('maps reasoning_effort to a thinking budget below max_tokens', () => {
    const budget = THINKING_BUDGET_TOKENS.medium;
    const roomy = convert({ reasoning_effort: 'medium', max_tokens: budget + 1000 });
    assert.deepEqual(roomy.body.thinking, { type: 'enabled', budget_tokens: budget });
    assert.equal(roomy.body.max_tokens, budget + 1000);
    assert.deepEqual(roomy.warnings, []);

    const tight = convert({ reasoning_effort: 'medium', max_tokens: 500 });
    assert.equal(tight.body.max_tokens, budget + 500);
    assert.match(tight.warnings[0] ?? '', /thinking budget/);

    const defaulted = convert({ reasoning_effort: 'low', max_tokens: undefined });
    assert.equal(defaulted.body.max_tokens, DEFAULT_MAX_TOKENS + THINKING_BUDGET_TOKENS.low);
  });

  it('emulates json_schema with a forced tool', () => {
    const schema = { type: 'object', properties: { name: { type: 'string' } }, required: ['name'] };
    const { body, jsonMode } = convert({ response_format: { type: 'json_schema', json_schema: { name: 'person', schema } } });
    assert.equal(jsonMode, true);
    assert.deepEqual(body.tools, [{ name: JSON_TOOL_NAME, description: 'Respond with a JSON object that matches the "person" schema.', input_schema: schema }]);
    assert.deepEqual(body.tool_choice, { type: 'tool', name: JSON_TOOL_NAME });
    assert.deepEqual(convert({ response_format: { type: 'json_object' } }).body.tools?.[0], {
      name: JSON_TOOL_NAME,
      description: 'Respond with a JSON object.',
      input_schema: { type: 'object' },
    });
    assert.equal(convert({ response_format: { type: 'text' } }).jsonMode, false);
  });

  it('offers the JSON tool beside caller tools, and only offers it while thinking', () => {
    const withTools = convert({ tools: [WEATHER_TOOL], response_format: { type: 'json_object' } });
    assert.deepEqual(
      withTools.body.tools?.map((tool) => tool.name),
      ['get_weather', JSON_TOOL_NAME],
    );
    assert.deepEqual(withTools.body.tool_choice, { type: 'any' });

    const thinking = convert({ reasoning_effort: 'low', max_tokens: 5000, response_format: { type: 'json_object' } });
    assert.deepEqual(thinking.body.tool_choice, { type: 'auto' });
    assert.equal(thinking.warnings.length, 1);
  });
});
