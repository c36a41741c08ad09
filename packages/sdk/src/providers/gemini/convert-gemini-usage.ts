// Gemini usageMetadata → canonical usage. Gemini counts thinking apart from the answer
// (thoughtsTokenCount beside candidatesTokenCount); OpenAI's completion_tokens includes
// reasoning, so the two are summed. cachedContentTokenCount is part of promptTokenCount,
// as OpenAI's cached_tokens is part of prompt_tokens.

import type { Usage } from '../../spec/index.js';
import type { GeminiUsage } from './gemini-api.js';

export function convertGeminiUsage(usage: GeminiUsage): Usage {
  // Tokens of tool results Gemini fetched itself (search, code execution) are billed as input.
  const promptTokens = (usage.promptTokenCount ?? 0) + (usage.toolUsePromptTokenCount ?? 0);
  const reasoningTokens = usage.thoughtsTokenCount ?? 0;
  const completionTokens = (usage.candidatesTokenCount ?? 0) + reasoningTokens;
  return {
    prompt_tokens: promptTokens,
    completion_tokens: completionTokens,
    total_tokens: promptTokens + completionTokens,
    prompt_tokens_details: { cached_tokens: usage.cachedContentTokenCount ?? 0 },
    completion_tokens_details: { reasoning_tokens: reasoningTokens },
  };
}

/** Stream chunks repeat usage cumulatively, and Vertex sends chunks with no counts at all. */
export function mergeGeminiUsage(current: GeminiUsage | undefined, next: GeminiUsage | null | undefined): GeminiUsage | undefined {
  if (next === null || next === undefined) return current;
  const merged: GeminiUsage = { ...current };
  for (const key of ['promptTokenCount', 'candidatesTokenCount', 'totalTokenCount', 'thoughtsTokenCount', 'cachedContentTokenCount', 'toolUsePromptTokenCount'] as const) {
    const value = next[key];
    if (value !== null && value !== undefined) merged[key] = value;
  }
  return merged;
}
