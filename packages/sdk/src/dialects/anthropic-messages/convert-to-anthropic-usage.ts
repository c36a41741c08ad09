// Canonical usage → Anthropic usage. Anthropic's input_tokens leaves out the tokens read
// from and written to the prompt cache, which OpenAI's prompt_tokens includes.

import type { Usage } from '../../spec/index.js';
import type { AnthropicResponseUsage } from './anthropic-messages-api.js';

export function convertToAnthropicUsage(usage: Usage | null | undefined, promptTokens = 0): Required<AnthropicResponseUsage> {
  if (usage === null || usage === undefined) {
    return { input_tokens: promptTokens, output_tokens: 0, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 };
  }
  const cacheRead = usage.cache_read_input_tokens ?? usage.prompt_tokens_details?.cached_tokens ?? 0;
  const cacheWrite = usage.cache_creation_input_tokens ?? 0;
  return {
    input_tokens: Math.max(0, usage.prompt_tokens - cacheRead - cacheWrite),
    output_tokens: usage.completion_tokens,
    cache_creation_input_tokens: cacheWrite,
    cache_read_input_tokens: cacheRead,
  };
}
