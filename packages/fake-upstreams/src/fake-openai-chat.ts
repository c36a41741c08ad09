// Renders a FakeChatReply as OpenAI Chat Completions wire data: the `chat.completion` body
// and the `chat.completion.chunk` event sequence, field for field as api.openai.com sends them.

import type { FakeChatReply } from './fake-chat-reply.js';
import { fakeFinishOf } from './fake-finish-reason.js';

/** Where an OpenAI-compatible server puts reasoning text; OpenAI itself sends none. */
export type FakeReasoningField = 'reasoning_content' | 'reasoning';

export interface FakeOpenAIChatContext {
  id: string;
  model: string;
  created: number;
  reasoningField: FakeReasoningField | undefined;
}

export interface FakeOpenAIToolCall {
  id: string;
  type: 'function';
  function: { name: string; arguments: string };
}

const SYSTEM_FINGERPRINT = 'fp_fake0openai';

export function resolveToolCalls(reply: FakeChatReply, served: number): FakeOpenAIToolCall[] {
  return (reply.toolCalls ?? []).map((call, index) => ({
    id: call.id ?? `call_fake${String(served).padStart(6, '0')}x${String(index).padStart(10, '0')}`,
    type: 'function',
    function: { name: call.name, arguments: call.arguments },
  }));
}

/** Fixed small numbers, so tests can assert usage and cost without a tokenizer. */
export function usageOf(reply: FakeChatReply, toolCalls: FakeOpenAIToolCall[]): Record<string, unknown> {
  const words = reply.content === undefined ? 0 : reply.content.split(/\s+/).filter((word) => word !== '').length;
  const promptTokens = reply.usage?.promptTokens ?? 10;
  const completionTokens = reply.usage?.completionTokens ?? words + 8 * toolCalls.length;
  return {
    prompt_tokens: promptTokens,
    completion_tokens: completionTokens,
    total_tokens: promptTokens + completionTokens,
    prompt_tokens_details: { cached_tokens: reply.usage?.cachedTokens ?? 0, audio_tokens: 0 },
    completion_tokens_details: {
      reasoning_tokens: 0,
      audio_tokens: 0,
      accepted_prediction_tokens: 0,
      rejected_prediction_tokens: 0,
    },
  };
}

export function createFakeOpenAICompletion(context: FakeOpenAIChatContext, reply: FakeChatReply, toolCalls: FakeOpenAIToolCall[]): unknown {
  const message: Record<string, unknown> = {
    role: 'assistant',
    content: reply.content ?? null,
    refusal: null,
    annotations: [],
  };
  if (context.reasoningField !== undefined && reply.reasoning !== undefined) message[context.reasoningField] = reply.reasoning;
  if (toolCalls.length > 0) message['tool_calls'] = toolCalls;
  return {
    id: context.id,
    object: 'chat.completion',
    created: context.created,
    model: context.model,
    choices: [{ index: 0, message, logprobs: reply.logprobs === undefined ? null : { content: reply.logprobs.map(withBytes), refusal: null }, finish_reason: fakeFinishOf(reply) }],
    usage: usageOf(reply, toolCalls),
    service_tier: 'default',
    system_fingerprint: SYSTEM_FINGERPRINT,
  };
}

export interface FakeOpenAIEvent {
  frame: string;
  /** True for chunks that carry generated text or tool-call data (what failAfterChunks counts). */
  content: boolean;
}

/**
 * The chunk sequence: role chunk, reasoning and content fragments, each tool call as
 * id/type/name then argument fragments, the finish chunk, then (include_usage) a
 * `choices: []` usage chunk while every earlier chunk carries `usage: null`.
 */
export function createFakeOpenAIEvents(context: FakeOpenAIChatContext, reply: FakeChatReply, toolCalls: FakeOpenAIToolCall[], includeUsage: boolean): FakeOpenAIEvent[] {
  const events: FakeOpenAIEvent[] = [];
  // What every chunk of the stream carries, the usage chunk included.
  const envelope = {
    id: context.id,
    object: 'chat.completion.chunk',
    created: context.created,
    model: context.model,
    service_tier: 'default',
    system_fingerprint: SYSTEM_FINGERPRINT,
  };
  const push = (delta: Record<string, unknown>, content: boolean, finish: string | null = null): void => {
    const chunk: Record<string, unknown> = { ...envelope, choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }] };
    if (includeUsage) chunk['usage'] = null;
    events.push({ frame: `data: ${JSON.stringify(chunk)}\n\n`, content });
  };

  const textFirst = reply.content !== undefined || reply.reasoning !== undefined || toolCalls.length === 0;
  if (textFirst) push({ role: 'assistant', content: '', refusal: null }, false);
  if (context.reasoningField !== undefined && reply.reasoning !== undefined) {
    for (const piece of splitWords(reply.reasoning)) push({ content: null, [context.reasoningField]: piece }, true);
  }
  for (const piece of splitWords(reply.content ?? '')) push({ content: piece }, true);
  toolCalls.forEach((call, index) => {
    const head = { index, id: call.id, type: 'function', function: { name: call.function.name, arguments: '' } };
    push(!textFirst && index === 0 ? { role: 'assistant', content: null, tool_calls: [head] } : { tool_calls: [head] }, true);
    for (const piece of splitArguments(call.function.arguments)) push({ tool_calls: [{ index, function: { arguments: piece } }] }, true);
  });
  push({}, false, fakeFinishOf(reply));
  if (includeUsage) {
    const usageChunk = { ...envelope, choices: [], usage: usageOf(reply, toolCalls) };
    events.push({ frame: `data: ${JSON.stringify(usageChunk)}\n\n`, content: false });
  }
  events.push({ frame: 'data: [DONE]\n\n', content: false });
  return events;
}

/** "Hello from x" → ["Hello", " from", " x"]: several chunks, as a real model streams. */
function splitWords(text: string): string[] {
  return text.match(/\s*\S+|\s+$/g) ?? [];
}

/** JSON arguments in fragments of a few characters, as OpenAI streams them. */
function splitArguments(text: string): string[] {
  const pieces: string[] = [];
  for (let start = 0; start < text.length; start += 6) pieces.push(text.slice(start, start + 6));
  return pieces;
}

/** OpenAI's token log probability entry, with the UTF-8 bytes it gives for each token. */
function withBytes(entry: NonNullable<FakeChatReply['logprobs']>[number]): Record<string, unknown> {
  const bytes = (token: string): number[] => [...Buffer.from(token, 'utf8')];
  return { token: entry.token, logprob: entry.logprob, bytes: bytes(entry.token), top_logprobs: (entry.top_logprobs ?? []).map((top) => ({ ...top, bytes: bytes(top.token) })) };
}
