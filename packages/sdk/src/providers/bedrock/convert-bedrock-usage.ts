// Converse usage → canonical usage (Bedrock's inputTokens excludes the cache counts).

import type { Usage } from '../../spec/index.js';
import { cacheAwareUsage } from '../cache-aware-usage.js';
import type { BedrockUsage } from './bedrock-api.js';

export function convertBedrockUsage(usage: BedrockUsage): Usage {
  return cacheAwareUsage(usage.inputTokens ?? 0, usage.outputTokens ?? 0, usage.cacheReadInputTokens ?? 0, usage.cacheWriteInputTokens ?? 0);
}
