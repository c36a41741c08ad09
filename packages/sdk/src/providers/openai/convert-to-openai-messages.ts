// Canonical messages → wire messages. For OpenAI they are the same objects; a copy is made
// only when a provider's quirk changes something: reasoning_content of earlier turns
// removed, tool-call ids rewritten (and remembered, so replies can be mapped back). Claude's
// thinking_blocks never go out: only Claude takes them, and strict OpenAI-compatible
// servers refuse the unknown field (Fireworks: "Extra inputs are not permitted").

import type { AssistantMessage, ChatMessage } from '../../spec/index.js';
import type { OpenAIQuirks } from './openai-provider-config.js';

export interface OpenAIWireMessages {
  messages: ChatMessage[];
  /** Rewritten id → the caller's id; undefined when nothing was rewritten. */
  toolCallIds: Map<string, string> | undefined;
}

export function convertToOpenAIMessages(messages: ChatMessage[], quirks: OpenAIQuirks | undefined): OpenAIWireMessages {
  const rewriteId = quirks?.toolCallId;
  const keepReasoning = quirks?.sendReasoningContent === true;
  let toolCallIds: Map<string, string> | undefined;
  const rewrite = (id: string): string => {
    if (rewriteId === undefined) return id;
    const wire = rewriteId(id);
    if (wire !== id) (toolCallIds ??= new Map()).set(wire, id);
    return wire;
  };

  let out: ChatMessage[] | undefined;
  for (let index = 0; index < messages.length; index += 1) {
    const message = messages[index] as ChatMessage;
    let converted: ChatMessage = message;
    if (message.role === 'assistant') {
      converted = convertAssistant(message, keepReasoning, rewriteId === undefined ? undefined : rewrite);
    } else if (message.role === 'tool' && rewriteId !== undefined) {
      const id = rewrite(message.tool_call_id);
      if (id !== message.tool_call_id) converted = { ...message, tool_call_id: id };
    }
    if (converted !== message) out ??= messages.slice(0, index);
    out?.push(converted);
  }
  return { messages: out ?? messages, toolCallIds };
}

function convertAssistant(message: AssistantMessage, keepReasoning: boolean, rewrite: ((id: string) => string) | undefined): AssistantMessage {
  let converted = message;
  if (message.thinking_blocks !== undefined) {
    const { thinking_blocks: _claudeOnly, ...rest } = converted;
    converted = rest;
  }
  if (!keepReasoning && converted.reasoning_content !== undefined) {
    const { reasoning_content: _dropped, ...rest } = converted;
    converted = rest;
  }
  if (rewrite !== undefined && message.tool_calls !== undefined) {
    let changed = false;
    const toolCalls = message.tool_calls.map((call) => {
      const id = rewrite(call.id);
      if (id === call.id) return call;
      changed = true;
      return { ...call, id };
    });
    if (changed) converted = { ...converted, tool_calls: toolCalls };
  }
  return converted;
}
