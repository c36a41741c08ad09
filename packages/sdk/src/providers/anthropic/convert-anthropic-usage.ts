// Anthropic usage → canonical usage (Anthropic's input_tokens excludes the cache counts).

import type { Usage } from '../../spec/index.js';
import { cacheAwareUsage } from '../cache-aware-usage.js';
import type { AnthropicUsage } from './anthropic-api.js';

export function convertAnthropicUsage(usage: AnthropicUsage): Usage {
  return cacheAwareUsage(usage.input_tokens ?? 0, usage.output_tokens ?? 0, usage.cache_read_input_tokens ?? 0, usage.cache_creation_input_tokens ?? 0);
}
