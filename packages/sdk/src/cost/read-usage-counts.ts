// Reads canonical usage into the token counts that prices apply to, in the catalog's
// semantics: `input` is every prompt token, cache reads and cache writes included.

import type { Usage } from '../spec/usage.js';

export interface UsageCounts {
  /** All prompt tokens, cache reads and writes included (the catalog's `input_tokens`). */
  input: number;
  cacheRead: number;
  cacheWrite: number;
  output: number;
  /** Parts of `input` / `output` that some models price separately. */
  inputAudio: number;
  outputAudio: number;
  reasoning: number;
}

export function readUsageCounts(usage: Usage): UsageCounts {
  const cacheRead = count(usage.prompt_tokens_details?.cached_tokens ?? usage.cache_read_input_tokens);
  const cacheWrite = count(usage.cache_creation_input_tokens);
  return {
    // A provider that reported cache tokens outside prompt_tokens would otherwise make the
    // uncached part negative; its prompt is then at least its cache tokens.
    input: Math.max(count(usage.prompt_tokens), cacheRead + cacheWrite),
    cacheRead,
    cacheWrite,
    output: count(usage.completion_tokens),
    inputAudio: count(usage.prompt_tokens_details?.audio_tokens),
    outputAudio: count(usage.completion_tokens_details?.audio_tokens),
    reasoning: count(usage.completion_tokens_details?.reasoning_tokens),
  };
}

/** Missing, negative or non-finite counts are 0: a malformed usage must not price negatively. */
function count(value: number | undefined): number {
  return typeof value === 'number' && value > 0 && value !== Infinity ? value : 0;
}
