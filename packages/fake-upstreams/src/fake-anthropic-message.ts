// Renders a FakeChatReply as Anthropic Messages API pieces: content blocks, stop reason,
// usage, and the whole non-streaming message.

import type { FakeChatReply } from './fake-chat-reply.js';
import { sealFakeRedactedThinking, signFakeThinking } from './fake-claude-thinking.js';
import { mapFakeFinish, type FakeFinish } from './fake-finish-reason.js';

export type FakeAnthropicBlock =
  | { type: 'thinking'; thinking: string; signature: string }
  | { type: 'redacted_thinking'; data: string }
  | { type: 'text'; text: string }
  | { type: 'tool_use'; id: string; name: string; input: unknown };

export interface FakeAnthropicUsage {
  input_tokens: number;
  cache_creation_input_tokens: number;
  cache_read_input_tokens: number;
  output_tokens: number;
}

/** Blocks in the order Claude emits them: thinking, then text, then tool calls. */
export function toAnthropicBlocks(reply: FakeChatReply, messageId: string): FakeAnthropicBlock[] {
  const blocks: FakeAnthropicBlock[] = [];
  if (reply.reasoning !== undefined) blocks.push({ type: 'thinking', thinking: reply.reasoning, signature: signFakeThinking(reply.reasoning) });
  if (reply.redactedReasoning !== undefined) blocks.push({ type: 'redacted_thinking', data: sealFakeRedactedThinking(reply.redactedReasoning) });
  if (reply.content !== undefined && reply.content !== '') blocks.push({ type: 'text', text: reply.content });
  (reply.toolCalls ?? []).forEach((call, index) => {
    const input: unknown = call.arguments.trim() === '' ? {} : JSON.parse(call.arguments);
    blocks.push({ type: 'tool_use', id: call.id ?? `toolu_${messageId.slice(4)}_${index}`, name: call.name, input });
  });
  return blocks;
}

const ANTHROPIC_STOP_REASONS: Readonly<Record<FakeFinish, string>> = { stop: 'end_turn', length: 'max_tokens', tool_calls: 'tool_use', content_filter: 'refusal' };

export function toAnthropicStopReason(reply: FakeChatReply): string {
  return reply.stopSequence !== undefined && reply.finish === undefined ? 'stop_sequence' : mapFakeFinish(reply, ANTHROPIC_STOP_REASONS);
}

/** The stop sequence Claude names beside `stop_reason: "stop_sequence"`, else null. */
export function toAnthropicStopSequence(reply: FakeChatReply): string | null {
  return toAnthropicStopReason(reply) === 'stop_sequence' ? (reply.stopSequence ?? null) : null;
}

/**
 * FakeChatReply counts prompt tokens the OpenAI way (cached tokens included); Anthropic's
 * input_tokens excludes cache reads and writes, so they are taken out here.
 */
export function toAnthropicUsage(reply: FakeChatReply): FakeAnthropicUsage {
  const usage = reply.usage ?? { promptTokens: 10, completionTokens: 5 };
  const cacheRead = usage.cachedTokens ?? 0;
  const cacheWrite = usage.cacheWriteTokens ?? 0;
  return {
    input_tokens: Math.max(0, usage.promptTokens - cacheRead - cacheWrite),
    cache_creation_input_tokens: cacheWrite,
    cache_read_input_tokens: cacheRead,
    output_tokens: usage.completionTokens,
  };
}

export function createFakeAnthropicMessage(messageId: string, model: string, reply: FakeChatReply): Record<string, unknown> {
  return {
    id: messageId,
    type: 'message',
    role: 'assistant',
    model,
    content: toAnthropicBlocks(reply, messageId),
    stop_reason: toAnthropicStopReason(reply),
    stop_sequence: toAnthropicStopSequence(reply),
    usage: { ...toAnthropicUsage(reply), service_tier: 'standard' },
  };
}

export function anthropicErrorBody(type: string, message: string, requestId: string | null = null): Record<string, unknown> {
  return { type: 'error', error: { type, message }, request_id: requestId };
}
