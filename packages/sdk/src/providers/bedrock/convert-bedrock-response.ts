// Converse response → canonical chat completion: text blocks → content, toolUse →
// tool_calls, reasoningContent → reasoning_content (to read) and, with its signature or
// redacted bytes, → thinking_blocks (to send back). In JSON mode the JSON tool's input
// becomes the text content and the turn counts as a normal stop.

import type { ChatCompletion, ChatCompletionMessage, ThinkingBlock, ToolCall } from '../../spec/index.js';
import { JSON_TOOL_NAME } from '../anthropic/convert-to-anthropic-tools.js';
import type { BedrockConverseResponse } from './bedrock-api.js';
import { convertBedrockUsage } from './convert-bedrock-usage.js';
import { mapBedrockFinishReason } from './map-bedrock-finish-reason.js';

export interface ConvertBedrockResponseOptions {
  id: string;
  model: string;
  created: number;
  jsonMode: boolean;
}

export function convertBedrockResponse(response: BedrockConverseResponse, options: ConvertBedrockResponseOptions): ChatCompletion {
  const texts: string[] = [];
  const reasoning: string[] = [];
  const toolCalls: ToolCall[] = [];
  const thinkingBlocks: ThinkingBlock[] = [];
  let json: string | undefined;

  for (const block of response.output.message.content) {
    if (typeof block.text === 'string') texts.push(block.text);
    else if (block.toolUse !== null && block.toolUse !== undefined) {
      const input = JSON.stringify(block.toolUse.input ?? {});
      if (options.jsonMode && block.toolUse.name === JSON_TOOL_NAME) json = input;
      else toolCalls.push({ id: block.toolUse.toolUseId, type: 'function', function: { name: block.toolUse.name, arguments: input } });
    } else if (block.reasoningContent !== null && block.reasoningContent !== undefined) {
      const { reasoningText, redactedContent } = block.reasoningContent;
      if (reasoningText !== null && reasoningText !== undefined) {
        if (typeof reasoningText.text === 'string') reasoning.push(reasoningText.text);
        thinkingBlocks.push({ type: 'thinking', thinking: reasoningText.text ?? '', signature: reasoningText.signature ?? '' });
      } else if (typeof redactedContent === 'string') {
        thinkingBlocks.push({ type: 'redacted_thinking', data: redactedContent });
      }
    }
    // Documents, citations and guard content have no canonical field.
  }

  // Any text beside the JSON tool call is preamble that would break parsing the reply.
  const content = json ?? (texts.length > 0 ? texts.join('') : null);
  const message: ChatCompletionMessage = { role: 'assistant', content, refusal: null };
  if (toolCalls.length > 0) message.tool_calls = toolCalls;
  if (reasoning.length > 0) message.reasoning_content = reasoning.join('');
  if (thinkingBlocks.length > 0) message.thinking_blocks = thinkingBlocks;

  let finishReason = mapBedrockFinishReason(response.stopReason);
  if (json !== undefined && toolCalls.length === 0 && finishReason === 'tool_calls') finishReason = 'stop';

  const completion: ChatCompletion = {
    id: options.id,
    object: 'chat.completion',
    created: options.created,
    model: options.model,
    choices: [{ index: 0, message, logprobs: null, finish_reason: finishReason }],
  };
  if (response.usage !== null && response.usage !== undefined) completion.usage = convertBedrockUsage(response.usage);
  return completion;
}
