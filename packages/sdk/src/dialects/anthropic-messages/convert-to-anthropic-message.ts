// Canonical chat completion → Anthropic message: thinking first (signed thinking_blocks,
// or reasoning_content as an unsigned block), then the text, then one tool_use block per
// tool call with its JSON arguments parsed back into `input`.

import { BadGatewayError } from '../../errors/error-classes.js';
import type { ChatCompletion, ChatCompletionMessage, FinishReason, ToolCall } from '../../spec/index.js';
import type { AnthropicMessage, AnthropicResponseBlock } from './anthropic-messages-api.js';
import { convertToAnthropicUsage } from './convert-to-anthropic-usage.js';
import { mapToAnthropicStopReason } from './map-to-anthropic-stop-reason.js';

export function convertToAnthropicMessage(response: ChatCompletion, options: { model: string; stopSequences?: readonly string[] }): AnthropicMessage {
  const choice = response.choices.find((candidate) => candidate.index === 0) ?? response.choices[0];
  const message: ChatCompletionMessage = choice?.message ?? { role: 'assistant', content: null };
  const finishReason = choice?.finish_reason ?? null;

  const content: AnthropicResponseBlock[] = convertThinking(message);
  // A refusal is the assistant's answer too; stop_reason "refusal" says what it is.
  const text = message.content ?? message.refusal ?? '';
  if (text !== '') content.push({ type: 'text', text });
  for (const call of message.tool_calls ?? []) content.push(convertToolCall(call, finishReason, options.model));

  const stop = mapToAnthropicStopReason(finishReason, {
    toolUse: (message.tool_calls?.length ?? 0) > 0,
    text,
    stopSequences: options.stopSequences,
  });
  return {
    id: response.id,
    type: 'message',
    role: 'assistant',
    model: options.model,
    content,
    stop_reason: stop.stop_reason,
    stop_sequence: stop.stop_sequence,
    usage: convertToAnthropicUsage(response.usage),
  };
}

function convertThinking(message: ChatCompletionMessage): AnthropicResponseBlock[] {
  const blocks = message.thinking_blocks;
  if (blocks !== undefined && blocks.length > 0) {
    return blocks.map((block): AnthropicResponseBlock =>
      block.type === 'thinking' ? { type: 'thinking', thinking: block.thinking, signature: block.signature } : { type: 'redacted_thinking', data: block.data },
    );
  }
  const reasoning = message.reasoning_content;
  // Reasoning from providers that do not sign it (DeepSeek, Gemini, Ollama) has no signature.
  return reasoning === undefined || reasoning === null || reasoning === '' ? [] : [{ type: 'thinking', thinking: reasoning, signature: '' }];
}

function convertToolCall(call: ToolCall, finishReason: FinishReason | null, model: string): AnthropicResponseBlock {
  return { type: 'tool_use', id: call.id, name: call.function.name, input: parseToolInput(call.function.arguments, finishReason, model) };
}

/** Arguments cut off by max_tokens are not JSON; the turn's stop_reason (max_tokens) says so. */
function parseToolInput(json: string, finishReason: FinishReason | null, model: string): unknown {
  if (json.trim() === '') return {};
  try {
    return JSON.parse(json);
  } catch (error) {
    if (finishReason === 'length') return {};
    throw new BadGatewayError(`the provider returned tool call arguments that are not JSON: ${json.slice(0, 200)}`, { model, cause: error });
  }
}
