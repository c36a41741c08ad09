// Canonical token usage: OpenAI's shape plus the cache-write count some providers report.

export interface Usage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
  prompt_tokens_details?: {
    /** Tokens read from the provider's prompt cache (billed at the cache-read price). */
    cached_tokens?: number;
    audio_tokens?: number;
  } | null;
  completion_tokens_details?: {
    reasoning_tokens?: number;
    audio_tokens?: number;
    accepted_prediction_tokens?: number;
    rejected_prediction_tokens?: number;
  } | null;
  /** llmux extension (LiteLLM's name): tokens written to the prompt cache. */
  cache_creation_input_tokens?: number;
  /** llmux extension (LiteLLM's name): same as prompt_tokens_details.cached_tokens. */
  cache_read_input_tokens?: number;
}
