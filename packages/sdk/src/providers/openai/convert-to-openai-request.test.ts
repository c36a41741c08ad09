import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import type { ChatCompletionRequest } from '../../spec/index.js';
import { createOpenAIRequestConverter } from './convert-to-openai-request.js';

const request: ChatCompletionRequest = {
  model: 'm',
  messages: [
    { role: 'user', content: 'hi' },
    { role: 'assistant', content: 'yo', reasoning_content: 'thought' },
  ],
  max_completion_tokens: 10,
  stream: true,
  stream_options: { include_usage: true },
  temperature: undefined,
};

describe('createOpenAIRequestConverter', () => {
  it('sends the request as it is, without undefined fields, when no quirk applies', () => {
    const wire = createOpenAIRequestConverter({ sendReasoningContent: true })(request);
    const { temperature: _undefined, ...expected } = request;
    assert.deepEqual(JSON.parse(wire.body), expected);
    assert.equal(wire.toolCallIds, undefined);
  });

  it('drops earlier reasoning_content by default, without touching the caller’s messages', () => {
    const wire = createOpenAIRequestConverter(undefined)(request);
    assert.deepEqual(JSON.parse(wire.body).messages[1], { role: 'assistant', content: 'yo' });
    assert.equal(request.messages[1]?.role === 'assistant' && request.messages[1].reasoning_content, 'thought');
  });

  it('never sends Claude’s thinking_blocks, which only Claude takes', () => {
    const thinking = { type: 'thinking' as const, thinking: 'thought', signature: 'c2ln' };
    const withBlocks: ChatCompletionRequest = { ...request, messages: [{ role: 'assistant', content: 'yo', reasoning_content: 'thought', thinking_blocks: [thinking] }] };
    assert.deepEqual(JSON.parse(createOpenAIRequestConverter({ sendReasoningContent: true })(withBlocks).body).messages, [
      { role: 'assistant', content: 'yo', reasoning_content: 'thought' },
    ]);
    assert.deepEqual(JSON.parse(createOpenAIRequestConverter(undefined)(withBlocks).body).messages, [{ role: 'assistant', content: 'yo' }]);
  });

  it('renames parameters, keeping the provider’s spelling when both are sent', () => {
    const convert = createOpenAIRequestConverter({ renameParams: { max_completion_tokens: 'max_tokens' }, omitStreamOptions: true });
    const body = JSON.parse(convert(request).body);
    assert.equal(body.max_tokens, 10);
    assert.equal(body.max_completion_tokens, undefined);
    assert.equal(body.stream_options, undefined);
    assert.equal(JSON.parse(convert({ ...request, max_tokens: 5 }).body).max_tokens, 5);
    assert.equal(request.max_completion_tokens, 10);
  });
});
