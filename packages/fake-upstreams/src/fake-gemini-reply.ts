// Renders a FakeChatReply as Gemini GenerateContentResponse pieces: parts in the order Gemini
// emits them (thoughts, text, function calls), finish reason, usage metadata, and the whole
// response, in the AI Studio or the Vertex AI flavour.

import type { FakeChatReply } from './fake-chat-reply.js';
import { mapFakeFinish, type FakeFinish } from './fake-finish-reason.js';

/** A FakeChatReply with what only Gemini can express. */
export interface FakeGeminiReply extends FakeChatReply {
  /** Refuse the prompt: a 200 with promptFeedback.blockReason and no candidates. */
  promptBlockReason?: string;
  /** How many of usage.completionTokens were thinking (default: the words of `reasoning`). */
  thoughtsTokens?: number;
}

export type FakeGeminiFlavor = 'ai-studio' | 'vertex';

export type FakeGeminiPart = { text: string; thought?: true } | { functionCall: { name: string; args: unknown }; thoughtSignature?: string };

/** Gemini attaches an opaque signature to the first function call of a turn. */
export const FAKE_THOUGHT_SIGNATURE = 'CiQBjz1rX2Zha2Utc2lnbmF0dXJlLWZvci10ZXN0cw==';

export function toGeminiParts(reply: FakeChatReply): FakeGeminiPart[] {
  const parts: FakeGeminiPart[] = [];
  if (reply.reasoning !== undefined && reply.reasoning !== '') parts.push({ text: reply.reasoning, thought: true });
  if (reply.content !== undefined && reply.content !== '') parts.push({ text: reply.content });
  (reply.toolCalls ?? []).forEach((call, index) => {
    const args: unknown = call.arguments.trim() === '' ? {} : JSON.parse(call.arguments);
    parts.push(index === 0 ? { functionCall: { name: call.name, args }, thoughtSignature: FAKE_THOUGHT_SIGNATURE } : { functionCall: { name: call.name, args } });
  });
  return parts;
}

/** Gemini ends a function-calling turn with STOP too. */
const GEMINI_FINISH_REASONS: Readonly<Record<FakeFinish, string>> = { stop: 'STOP', length: 'MAX_TOKENS', tool_calls: 'STOP', content_filter: 'SAFETY' };

export function toGeminiFinishReason(reply: FakeChatReply): string {
  return mapFakeFinish(reply, GEMINI_FINISH_REASONS);
}

/** FakeChatReply counts the OpenAI way: completion includes thinking, prompt includes cache. */
export function toGeminiUsage(reply: FakeGeminiReply, flavor: FakeGeminiFlavor): Record<string, unknown> {
  const usage = reply.usage ?? { promptTokens: 10, completionTokens: 5 };
  const words = reply.reasoning?.split(/\s+/).filter((word) => word !== '').length ?? 0;
  const thoughts = Math.min(usage.completionTokens, reply.thoughtsTokens ?? words);
  return {
    promptTokenCount: usage.promptTokens,
    candidatesTokenCount: usage.completionTokens - thoughts,
    totalTokenCount: usage.promptTokens + usage.completionTokens,
    ...(usage.cachedTokens ? { cachedContentTokenCount: usage.cachedTokens } : {}),
    promptTokensDetails: [{ modality: 'TEXT', tokenCount: usage.promptTokens }],
    ...(thoughts > 0 ? { thoughtsTokenCount: thoughts } : {}),
    ...(flavor === 'vertex' ? { trafficType: 'ON_DEMAND' } : {}),
  };
}

export function toGeminiCandidate(parts: FakeGeminiPart[], index: number, finishReason: string | undefined, flavor: FakeGeminiFlavor): Record<string, unknown> {
  return {
    // A candidate stopped by the safety filter before any output has no content at all.
    ...(parts.length > 0 ? { content: { parts, role: 'model' } } : {}),
    ...(finishReason === undefined ? {} : { finishReason }),
    ...(flavor === 'vertex' ? { avgLogprobs: -0.25 } : { index }),
  };
}

export function createFakeGeminiResponse(
  reply: FakeGeminiReply,
  options: { model: string; responseId: string; candidateCount: number; flavor: FakeGeminiFlavor },
): Record<string, unknown> {
  const envelope = { modelVersion: options.model, responseId: options.responseId, ...(options.flavor === 'vertex' ? { createTime: new Date().toISOString() } : {}) };
  if (reply.promptBlockReason !== undefined) {
    return {
      promptFeedback: { blockReason: reply.promptBlockReason },
      usageMetadata: { promptTokenCount: reply.usage?.promptTokens ?? 10, totalTokenCount: reply.usage?.promptTokens ?? 10 },
      ...envelope,
    };
  }
  const parts = toGeminiParts(reply);
  const candidates = Array.from({ length: options.candidateCount }, (_, index) => toGeminiCandidate(parts, index, toGeminiFinishReason(reply), options.flavor));
  return { candidates, usageMetadata: toGeminiUsage(reply, options.flavor), ...envelope };
}
