// Wire `chat.completion` body → canonical ChatCompletion. Lenient about what compatible
// servers leave out (content on tool-call messages, tool-call `type`, `tool_calls: null`,
// logprobs) and about what they add (reasoning fields, typed content parts).

import { randomUUID } from 'node:crypto';
import type { ChatCompletion, ChatCompletionChoice, ChatCompletionMessage, ToolCall } from '../../spec/index.js';
import { argumentsOf, flattenOpenAIContent, reasoningOf, restoreToolCallId, type OpenAIConvertOptions } from './convert-openai-content.js';
import { convertOpenAIUsage } from './convert-openai-usage.js';
import type { OpenAIMessage, OpenAIResponse } from './openai-api.js';
import { mapOpenAIFinishReason } from './map-openai-finish-reason.js';
import { splitThinkTags } from '../split-think-tags.js';

export interface ConvertOpenAIResponseOptions extends OpenAIConvertOptions {
  /** Used when the body names no model. */
  model: string;
  /** Used when the body has no `created`. */
  created: number;
}

export function convertOpenAIResponse(wire: OpenAIResponse, options: ConvertOpenAIResponseOptions): ChatCompletion {
  const choices: ChatCompletionChoice[] = wire.choices.map((choice, position) => {
    const converted: ChatCompletionChoice = {
      index: choice.index ?? position,
      message: convertMessage(choice.message ?? {}, options),
      finish_reason: mapOpenAIFinishReason(choice.finish_reason),
      // Compatible servers often leave logprobs out; OpenAI's schema requires it, null when none.
      logprobs: choice.logprobs ?? null,
    };
    return converted;
  });
  const completion: ChatCompletion = {
    id: wire.id ?? `chatcmpl-${randomUUID()}`,
    object: 'chat.completion',
    created: wire.created ?? options.created,
    model: wire.model || options.model,
    choices,
  };
  if (wire.usage !== null && wire.usage !== undefined) completion.usage = convertOpenAIUsage(wire.usage);
  // OpenAI's schema types it as a string; Azure sends null, which is left out.
  if (typeof wire.system_fingerprint === 'string') completion.system_fingerprint = wire.system_fingerprint;
  if (wire.service_tier !== undefined) completion.service_tier = wire.service_tier;
  return completion;
}

function convertMessage(wire: OpenAIMessage, options: OpenAIConvertOptions): ChatCompletionMessage {
  const flat = flattenOpenAIContent(wire.content);
  const message: ChatCompletionMessage = { role: 'assistant', content: flat.text ?? null, refusal: wire.refusal ?? null };
  let reasoning = reasoningOf(wire, flat, options);
  if (options.thinkTags === true && typeof flat.text === 'string') {
    const split = splitThinkTags(flat.text);
    message.content = split.content;
    // A reasoning field the server filled wins; the block is taken out of the content either way.
    reasoning ??= split.reasoning;
  }
  if (reasoning !== undefined) message.reasoning_content = reasoning;
  if (wire.tool_calls !== null && wire.tool_calls !== undefined && wire.tool_calls.length > 0) {
    message.tool_calls = wire.tool_calls.map((call): ToolCall => ({
      // A server that omits the id still needs one: the tool result must refer to it.
      id: typeof call.id === 'string' && call.id !== '' ? restoreToolCallId(call.id, options) : `call_${randomUUID().replaceAll('-', '')}`,
      type: 'function',
      function: { name: call.function?.name ?? '', arguments: argumentsOf(call) ?? '{}' },
    }));
  }
  return message;
}
