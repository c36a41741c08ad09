// The canonical usage a test expects, from the token counts it scripted: the totals and
// the cache and reasoning details follow from them, so each test states only its counts.

/** Claude's usage (Anthropic and Bedrock): cache reads and writes inside prompt_tokens, reads also as cached_tokens. */
export function expectedCacheUsage(prompt: number, completion: number, cache: { read?: number; write?: number } = {}) {
  const read = cache.read ?? 0;
  return {
    prompt_tokens: prompt,
    completion_tokens: completion,
    total_tokens: prompt + completion,
    prompt_tokens_details: { cached_tokens: read },
    cache_creation_input_tokens: cache.write ?? 0,
    cache_read_input_tokens: read,
  };
}

/** Gemini's usage (Google AI Studio and Vertex AI): cached prompt tokens and thinking tokens always stated. */
export function expectedReasoningUsage(prompt: number, completion: number, details: { cached?: number; reasoning?: number } = {}) {
  return {
    prompt_tokens: prompt,
    completion_tokens: completion,
    total_tokens: prompt + completion,
    prompt_tokens_details: { cached_tokens: details.cached ?? 0 },
    completion_tokens_details: { reasoning_tokens: details.reasoning ?? 0 },
  };
}
