// Wire usage → canonical usage: OpenAI's fields, with DeepSeek's cache-hit count folded into
// prompt_tokens_details.cached_tokens and provider extras (timings, cost ticks) left out.

import type { Usage } from '../../spec/index.js';
import type { OpenAIUsage } from './openai-api.js';

export function convertOpenAIUsage(wire: OpenAIUsage): Usage {
  const promptTokens = wire.prompt_tokens ?? 0;
  const completionTokens = wire.completion_tokens ?? 0;
  const usage: Usage = {
    prompt_tokens: promptTokens,
    completion_tokens: completionTokens,
    // Kept as sent: xAI counts reasoning in the total, so it can exceed the sum.
    total_tokens: wire.total_tokens ?? promptTokens + completionTokens,
  };
  const promptDetails = wire.prompt_tokens_details;
  const cached = promptDetails?.cached_tokens ?? wire.prompt_cache_hit_tokens;
  if (cached !== null && cached !== undefined) {
    usage.prompt_tokens_details = { cached_tokens: cached };
    if (typeof promptDetails?.audio_tokens === 'number') usage.prompt_tokens_details.audio_tokens = promptDetails.audio_tokens;
  } else if (typeof promptDetails?.audio_tokens === 'number') {
    usage.prompt_tokens_details = { audio_tokens: promptDetails.audio_tokens };
  }
  const completionDetails = wire.completion_tokens_details;
  if (completionDetails !== null && completionDetails !== undefined) {
    const details: NonNullable<Usage['completion_tokens_details']> = {};
    if (typeof completionDetails.reasoning_tokens === 'number') details.reasoning_tokens = completionDetails.reasoning_tokens;
    if (typeof completionDetails.audio_tokens === 'number') details.audio_tokens = completionDetails.audio_tokens;
    if (typeof completionDetails.accepted_prediction_tokens === 'number') {
      details.accepted_prediction_tokens = completionDetails.accepted_prediction_tokens;
    }
    if (typeof completionDetails.rejected_prediction_tokens === 'number') {
      details.rejected_prediction_tokens = completionDetails.rejected_prediction_tokens;
    }
    usage.completion_tokens_details = details;
  }
  return usage;
}
