// Renders a FakeChatReply as Cohere v2 chat wire data: the reply body and the event stream,
// framed exactly as Cohere's API definition shows (`event: <type>\ndata: <json>\n\n`, the
// JSON repeating the type, no `[DONE]`). Reasoning becomes the tool plan when the reply
// calls tools (as Cohere's tool-use models write it) and a thinking item otherwise.

import type { FakeChatReply } from './fake-chat-reply.js';
import { splitInThree, splitWords } from './fake-split-text.js';
import { mapFakeFinish, type FakeFinish } from './fake-finish-reason.js';

export interface FakeCohereEvent {
  frame: string;
  /** A content, plan or tool-argument delta: counts toward failAfterChunks / dropAfterChunks. */
  content: boolean;
}

export interface FakeCohereToolCall {
  id: string;
  type: 'function';
  function: { name: string; arguments: string };
}

/** Tokens Cohere counts but does not bill: its own system preamble. */
const PREAMBLE_TOKENS = 64;

export function frameCohereEvent(type: string, data: Record<string, unknown>): string {
  return `event: ${type}\ndata: ${JSON.stringify({ type, ...data })}\n\n`;
}

export function cohereToolCalls(reply: FakeChatReply, served: number): FakeCohereToolCall[] {
  // Cohere's ids are the tool name, an underscore and 12 lowercase letters or digits.
  return (reply.toolCalls ?? []).map((call, index) => ({
    id: call.id ?? `${call.name}_${(served * 100 + index).toString(36).padStart(12, '0')}`,
    type: 'function',
    function: { name: call.name, arguments: call.arguments },
  }));
}

const COHERE_FINISH_REASONS: Readonly<Record<FakeFinish, string>> = { stop: 'COMPLETE', length: 'MAX_TOKENS', tool_calls: 'TOOL_CALL', content_filter: 'ERROR_TOXIC' };

function cohereFinishReason(reply: FakeChatReply): string {
  return mapFakeFinish(reply, COHERE_FINISH_REASONS);
}

function cohereUsage(reply: FakeChatReply): Record<string, unknown> {
  const input = reply.usage?.promptTokens ?? 10;
  const output = reply.usage?.completionTokens ?? 5;
  const usage: Record<string, unknown> = {
    billed_units: { input_tokens: input, output_tokens: output },
    tokens: { input_tokens: input + PREAMBLE_TOKENS, output_tokens: output },
  };
  if (reply.usage?.cachedTokens !== undefined) usage['cached_tokens'] = reply.usage.cachedTokens;
  return usage;
}

export function createFakeCohereReply(id: string, reply: FakeChatReply, calls: FakeCohereToolCall[]): Record<string, unknown> {
  const message: Record<string, unknown> = { role: 'assistant' };
  const content: Array<Record<string, unknown>> = [];
  if (reply.reasoning !== undefined && calls.length === 0) content.push({ type: 'thinking', thinking: reply.reasoning });
  if (reply.content !== undefined && reply.content !== '') content.push({ type: 'text', text: reply.content });
  if (content.length > 0) message['content'] = content;
  if (calls.length > 0) {
    if (reply.reasoning !== undefined) message['tool_plan'] = reply.reasoning;
    message['tool_calls'] = calls;
  }
  return { id, message, finish_reason: cohereFinishReason(reply), usage: cohereUsage(reply) };
}

export function createFakeCohereEvents(id: string, reply: FakeChatReply, calls: FakeCohereToolCall[]): FakeCohereEvent[] {
  const events: FakeCohereEvent[] = [];
  const push = (type: string, data: Record<string, unknown>, content = false): void => {
    events.push({ frame: frameCohereEvent(type, data), content });
  };
  push('message-start', { id, delta: { message: { role: 'assistant' } } });
  // The plan comes first: Cohere says which tools it will call before calling them.
  if (calls.length > 0 && reply.reasoning !== undefined) {
    for (const plan of splitWords(reply.reasoning)) push('tool-plan-delta', { delta: { message: { tool_plan: plan } } }, true);
  }
  let index = 0;
  if (reply.reasoning !== undefined && calls.length === 0) {
    push('content-start', { index, delta: { message: { content: { type: 'thinking', thinking: '' } } } });
    for (const thinking of splitWords(reply.reasoning)) push('content-delta', { index, delta: { message: { content: { thinking } } } }, true);
    push('content-end', { index });
    index += 1;
  }
  if (reply.content !== undefined && reply.content !== '') {
    push('content-start', { index, delta: { message: { content: { type: 'text', text: '' } } } });
    for (const text of splitWords(reply.content)) push('content-delta', { index, delta: { message: { content: { text } } } }, true);
    push('content-end', { index });
  }
  calls.forEach((call, callIndex) => {
    const start = { id: call.id, type: 'function', function: { name: call.function.name, arguments: '' } };
    push('tool-call-start', { index: callIndex, delta: { message: { tool_calls: start } } });
    for (const fragment of splitInThree(call.function.arguments)) {
      push('tool-call-delta', { index: callIndex, delta: { message: { tool_calls: { function: { arguments: fragment } } } } }, true);
    }
    push('tool-call-end', { index: callIndex });
  });
  push('message-end', { delta: { finish_reason: cohereFinishReason(reply), usage: cohereUsage(reply) } });
  return events;
}
