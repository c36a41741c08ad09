// Cohere usage → canonical usage. `billed_units` are what Cohere charges, so they price the
// call; `tokens` also count the system preamble Cohere adds and are used only when no
// billed units came. Cohere's cached_tokens count against `tokens`, not against the billed
// input (a cached prompt can exceed the billed input), so they are not reported as cached
// prompt tokens.

import type { Usage } from '../../spec/index.js';
import type { CohereUsage } from './cohere-api.js';

export function convertCohereUsage(usage: CohereUsage | null | undefined): Usage {
  const billed = usage?.billed_units;
  const tokens = usage?.tokens;
  const promptTokens = billed?.input_tokens ?? tokens?.input_tokens ?? 0;
  const completionTokens = billed?.output_tokens ?? tokens?.output_tokens ?? 0;
  return { prompt_tokens: promptTokens, completion_tokens: completionTokens, total_tokens: promptTokens + completionTokens };
}
