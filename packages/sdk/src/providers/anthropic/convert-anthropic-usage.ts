// Anthropic usage → canonical usage (Anthropic's input_tokens excludes the cache counts), and
// the merge of a stream's usage reports.

import type { Usage } from '../../spec/index.js';
import { cacheAwareUsage } from '../cache-aware-usage.js';
import type { AnthropicUsage } from './anthropic-api.js';

export function convertAnthropicUsage(usage: AnthropicUsage): Usage {
  return cacheAwareUsage(usage.input_tokens ?? 0, usage.output_tokens ?? 0, usage.cache_read_input_tokens ?? 0, usage.cache_creation_input_tokens ?? 0);
}

const USAGE_COUNTS = ['input_tokens', 'output_tokens', 'cache_creation_input_tokens', 'cache_read_input_tokens'] as const;

/** message_delta repeats usage cumulatively; later non-null counts replace earlier ones. */
export function mergeAnthropicUsage(current: AnthropicUsage, next: AnthropicUsage | null | undefined): AnthropicUsage {
  if (next === null || next === undefined) return current;
  const merged: AnthropicUsage = { ...current };
  for (const key of USAGE_COUNTS) {
    const value = next[key];
    if (value !== null && value !== undefined) merged[key] = value;
  }
  return merged;
}
