// Usage for the Claude family (Anthropic, Bedrock, Vertex): their input count excludes
// cache reads and writes, while OpenAI's prompt_tokens includes cached tokens, so the
// three are summed, and the cache counts are reported on their own as well.

import type { Usage } from '../spec/index.js';

export function cacheAwareUsage(inputTokens: number, outputTokens: number, cacheRead: number, cacheWrite: number): Usage {
  const promptTokens = inputTokens + cacheRead + cacheWrite;
  return {
    prompt_tokens: promptTokens,
    completion_tokens: outputTokens,
    total_tokens: promptTokens + outputTokens,
    prompt_tokens_details: { cached_tokens: cacheRead },
    cache_creation_input_tokens: cacheWrite,
    cache_read_input_tokens: cacheRead,
  };
}
