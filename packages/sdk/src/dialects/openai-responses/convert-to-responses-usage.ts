// Canonical usage → the Responses usage object (input/output/total tokens, with cached
// input and reasoning output in their details).

import type { Usage } from '../../spec/index.js';
import type { ResponsesUsage } from './openai-responses-api.js';

export function convertToResponsesUsage(usage: Usage | undefined | null): ResponsesUsage {
  const input = usage?.prompt_tokens ?? 0;
  const output = usage?.completion_tokens ?? 0;
  return {
    input_tokens: input,
    input_tokens_details: { cached_tokens: usage?.prompt_tokens_details?.cached_tokens ?? usage?.cache_read_input_tokens ?? 0 },
    output_tokens: output,
    output_tokens_details: { reasoning_tokens: usage?.completion_tokens_details?.reasoning_tokens ?? 0 },
    total_tokens: usage?.total_tokens ?? input + output,
  };
}
