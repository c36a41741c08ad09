// Anthropic message → canonical chat completion: text blocks → content, tool_use →
// tool_calls, thinking → reasoning_content (to read) and, with redacted_thinking and the
// signatures, → thinking_blocks (to send back). In JSON mode the JSON tool's input becomes
// the text content and the turn counts as a normal stop.

import type { ChatCompletion, ChatCompletionMessage, ThinkingBlock, ToolCall } from '../../spec/index.js';
import type { AnthropicResponse } from './anthropic-api.js';
import { convertAnthropicUsage } from './convert-anthropic-usage.js';
import { JSON_TOOL_NAME } from './convert-to-anthropic-tools.js';
import { mapAnthropicFinishReason } from './map-anthropic-finish-reason.js';

export function convertAnthropicResponse(response: AnthropicResponse, options: { jsonMode: boolean; created: number }): ChatCompletion {
  const texts: string[] = [];
  const reasoning: string[] = [];
  const toolCalls: ToolCall[] = [];
  const thinkingBlocks: ThinkingBlock[] = [];
  let json: string | undefined;

  for (const block of response.content) {
    if (block.type === 'text' && block.text !== undefined) texts.push(block.text);
    else if (block.type === 'thinking') {
      if (block.thinking !== undefined) reasoning.push(block.thinking);
      thinkingBlocks.push({ type: 'thinking', thinking: block.thinking ?? '', signature: block.signature ?? '' });
    } else if (block.type === 'redacted_thinking' && block.data !== undefined) {
      thinkingBlocks.push({ type: 'redacted_thinking', data: block.data });
    } else if (block.type === 'tool_use') {
      const input = JSON.stringify(block.input ?? {});
      if (options.jsonMode && block.name === JSON_TOOL_NAME) json = input;
      else toolCalls.push({ id: block.id ?? '', type: 'function', function: { name: block.name ?? '', arguments: input } });
    }
    // Other block types (server tool results, ...) have no canonical field.
  }

  // Any text beside the JSON tool call is preamble that would break parsing the reply.
  const content = json ?? (texts.length > 0 ? texts.join('') : null);
  const message: ChatCompletionMessage = { role: 'assistant', content, refusal: null };
  if (toolCalls.length > 0) message.tool_calls = toolCalls;
  if (reasoning.length > 0) message.reasoning_content = reasoning.join('');
  if (thinkingBlocks.length > 0) message.thinking_blocks = thinkingBlocks;

  let finishReason = mapAnthropicFinishReason(response.stop_reason);
  if (json !== undefined && toolCalls.length === 0 && finishReason === 'tool_calls') finishReason = 'stop';

  return {
    id: response.id,
    object: 'chat.completion',
    created: options.created,
    model: response.model,
    choices: [{ index: 0, message, logprobs: null, finish_reason: finishReason }],
    usage: convertAnthropicUsage(response.usage),
  };
}
