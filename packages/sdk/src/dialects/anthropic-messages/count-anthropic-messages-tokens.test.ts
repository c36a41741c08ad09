import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { tokenCounter } from '../../token-counter/token-counter.js';
import { countAnthropicMessagesTokens } from './count-anthropic-messages-tokens.js';

const TOOL = { name: 'get_weather', description: 'Weather for a city', input_schema: { type: 'object', properties: { city: { type: 'string' } } } };

describe('countAnthropicMessagesTokens', () => {
  it('counts system, messages and tools as the canonical request they become', () => {
    const counted = countAnthropicMessagesTokens({
      model: 'claude-sonnet',
      system: [{ type: 'text', text: 'You are terse.', cache_control: { type: 'ephemeral' } }],
      messages: [{ role: 'user', content: [{ type: 'text', text: 'Weather in Paris?' }] }],
      tools: [TOOL],
    });
    const expected = tokenCounter({
      model: 'claude-sonnet',
      messages: [
        { role: 'system', content: 'You are terse.' },
        { role: 'user', content: 'Weather in Paris?' },
      ],
      tools: [{ type: 'function', function: { name: TOOL.name, description: TOOL.description, parameters: TOOL.input_schema } }],
    });
    assert.equal(counted.input_tokens, expected);
    assert.ok(expected > 20, `a system prompt, a question and a tool cost more than ${expected} tokens`);
  });

  it('grows with the system prompt, the tools and images, and needs no max_tokens', () => {
    const base = { model: 'claude-sonnet', messages: [{ role: 'user' as const, content: 'Hi' }] };
    const plain = countAnthropicMessagesTokens(base).input_tokens;
    assert.ok(countAnthropicMessagesTokens({ ...base, system: 'A long system prompt with several words.' }).input_tokens > plain);
    assert.ok(countAnthropicMessagesTokens({ ...base, tools: [TOOL] }).input_tokens > plain);
    const withImage = countAnthropicMessagesTokens({
      ...base,
      messages: [
        {
          role: 'user',
          content: [
            { type: 'image', source: { type: 'url', url: 'https://example.com/a.png' } },
            { type: 'text', text: 'Hi' },
          ],
        },
      ],
    });
    assert.ok(withImage.input_tokens > plain);
  });

  it('counts a body the call itself would refuse (top_k, server tools) instead of failing', () => {
    const counted = countAnthropicMessagesTokens({
      model: 'claude-sonnet',
      messages: [{ role: 'user', content: 'Hi' }],
      top_k: 5,
      tools: [{ type: 'web_search_20250305', name: 'web_search' }],
    });
    assert.equal(counted.input_tokens, countAnthropicMessagesTokens({ model: 'claude-sonnet', messages: [{ role: 'user', content: 'Hi' }] }).input_tokens);
  });
});
