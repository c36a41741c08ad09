// The Converse request converter on its own: turn merging, empty blocks, tool history,
// inference settings and the thinking budget, without a server.

import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { BadRequestError } from '../../errors/error-classes.js';
import type { ChatCompletionRequest } from '../../spec/index.js';
import { convertToBedrockRequest } from './convert-to-bedrock-request.js';
import { parseBedrockModel } from './parse-bedrock-model.js';

const CLAUDE = 'anthropic.claude-sonnet-4-20250514-v1:0';

function convert(request: Partial<ChatCompletionRequest>, modelId = CLAUDE) {
  const warnings: string[] = [];
  const converted = convertToBedrockRequest({ model: modelId, messages: [], ...request }, { modelId, warnings });
  return { ...converted, warnings };
}

describe('convertToBedrockRequest', () => {
  it('sends thinking_blocks first in their turn as reasoningContent, leaving out a signature the model never gave', () => {
    const { body } = convert({
      messages: [
        { role: 'user', content: 'a' },
        {
          role: 'assistant',
          content: 'b',
          thinking_blocks: [
            { type: 'thinking', thinking: 'signed', signature: 'c2ln' },
            { type: 'redacted_thinking', data: 'cmVkYWN0ZWQ=' },
            { type: 'thinking', thinking: 'unsigned', signature: '' },
          ],
        },
      ],
    });
    assert.deepEqual(body.messages[1]?.content, [
      { reasoningContent: { reasoningText: { text: 'signed', signature: 'c2ln' } } },
      { reasoningContent: { redactedContent: 'cmVkYWN0ZWQ=' } },
      { reasoningContent: { reasoningText: { text: 'unsigned' } } },
      { text: 'b' },
    ]);
  });

  it('merges consecutive turns of one role and leaves out empty text', () => {
    const { body } = convert({
      messages: [
        { role: 'user', content: 'a' },
        {
          role: 'user',
          content: [
            { type: 'text', text: '' },
            { type: 'text', text: 'b' },
          ],
        },
        { role: 'assistant', content: '', tool_calls: [{ id: 't1', type: 'function', function: { name: 'f', arguments: '' } }] },
        { role: 'tool', tool_call_id: 't1', content: [{ type: 'text', text: 'one' }] },
        { role: 'tool', tool_call_id: 't2', content: 'two' },
        { role: 'user', content: 'c' },
        { role: 'assistant', content: null },
      ],
    });
    assert.deepEqual(body.messages, [
      { role: 'user', content: [{ text: 'a' }, { text: 'b' }] },
      { role: 'assistant', content: [{ toolUse: { toolUseId: 't1', name: 'f', input: {} } }] },
      {
        role: 'user',
        content: [{ toolResult: { toolUseId: 't1', content: [{ text: 'one' }] } }, { toolResult: { toolUseId: 't2', content: [{ text: 'two' }] } }, { text: 'c' }],
      },
    ]);
    assert.equal(body.system, undefined);
    assert.equal(body.inferenceConfig, undefined);
  });

  it('refuses tool-call arguments that are not JSON', () => {
    assert.throws(
      () => convert({ messages: [{ role: 'assistant', tool_calls: [{ id: 't1', type: 'function', function: { name: 'f', arguments: '{oops' } }] }] }),
      (error: unknown) => error instanceof BadRequestError && error.param === 'messages[0].tool_calls',
    );
  });

  it('prefers max_completion_tokens and sends a list of stop sequences as is', () => {
    const { body } = convert({ messages: [{ role: 'user', content: 'x' }], max_tokens: 10, max_completion_tokens: 20, stop: ['a', 'b'] });
    assert.deepEqual(body.inferenceConfig, { maxTokens: 20, stopSequences: ['a', 'b'] });
  });

  it('raises a max_tokens below the thinking budget, with a warning, and offers a response_format tool instead of forcing it', () => {
    const { body, warnings, jsonMode } = convert({
      messages: [{ role: 'user', content: 'x' }],
      max_tokens: 500,
      reasoning_effort: 'medium',
      response_format: { type: 'json_object' },
    });
    assert.deepEqual(body.inferenceConfig, { maxTokens: 8692 });
    assert.deepEqual(body.additionalModelRequestFields, { thinking: { type: 'enabled', budget_tokens: 8192 } });
    assert.deepEqual(body.toolConfig?.toolChoice, { auto: {} });
    assert.equal(jsonMode, true);
    assert.equal(warnings.length, 2);
  });
});

describe('parseBedrockModel', () => {
  it('reads the route prefix and encodes ids, profiles and ARNs for the path', () => {
    assert.deepEqual(parseBedrockModel('us.anthropic.claude-3-5-haiku-20241022-v1:0'), {
      route: 'converse',
      modelId: 'us.anthropic.claude-3-5-haiku-20241022-v1:0',
      pathId: 'us.anthropic.claude-3-5-haiku-20241022-v1%3A0',
    });
    assert.equal(parseBedrockModel('invoke/anthropic.claude-v2').route, 'invoke');
    assert.equal(parseBedrockModel('converse/meta.llama3-8b-instruct-v1:0').modelId, 'meta.llama3-8b-instruct-v1:0');
    assert.equal(
      parseBedrockModel('arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/abc123').pathId,
      'arn%3Aaws%3Abedrock%3Aus-east-1%3A123456789012%3Aapplication-inference-profile%2Fabc123',
    );
    assert.throws(() => parseBedrockModel('invoke/'), BadRequestError);
  });
});
