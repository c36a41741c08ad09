// Copies what the router and SDK report about a call into the reply headers LiteLLM
// clients read (x-litellm-model-id, -model-group, -attempted-retries, -attempted-fallbacks)
// and into the call record.

import type { RoutedMetadata, Usage } from 'llmux';
import { headerSafe } from '../http/header-safe.js';
import type { RequestContext } from '../http/request-context.js';

export function recordRoutedCall(context: RequestContext, metadata: RoutedMetadata): void {
  const log = context.call;
  log.provider = metadata.provider;
  log.modelGroup = metadata.modelGroup;
  log.deploymentId = metadata.deploymentId;
  log.upstreamModel = metadata.model;
  if (metadata.attemptedRetries > 0) log.attemptedRetries = metadata.attemptedRetries;
  if (metadata.attemptedFallbacks > 0) log.attemptedFallbacks = metadata.attemptedFallbacks;
  // Set for complete replies; a stream's is known only at its end.
  if (metadata.durationMs !== undefined) log.upstreamLatencyMs = metadata.durationMs;
  context.headers['x-litellm-model-group'] = headerSafe(metadata.modelGroup);
  context.headers['x-litellm-model-id'] = metadata.deploymentId;
  context.headers['x-litellm-attempted-retries'] = String(metadata.attemptedRetries);
  context.headers['x-litellm-attempted-fallbacks'] = String(metadata.attemptedFallbacks);
  if (metadata.warnings.length > 0) context.headers['x-llmux-warnings'] = headerSafe(metadata.warnings.join('; '));
}

/** Usage and cost, once known (after the reply, or at the end of a stream). */
export function recordUsage(context: RequestContext, usage: Usage | undefined, cost: number | null): void {
  const record = context.call;
  if (usage !== undefined) {
    record.promptTokens = usage.prompt_tokens;
    record.completionTokens = usage.completion_tokens;
    const cached = usage.prompt_tokens_details?.cached_tokens ?? usage.cache_read_input_tokens;
    if (cached !== undefined) record.cachedTokens = cached;
    if (usage.cache_creation_input_tokens !== undefined) record.cacheWriteTokens = usage.cache_creation_input_tokens;
  }
  record.cost = cost;
}

/** LiteLLM's cost header: present only when the price is known. */
export function setCostHeader(context: RequestContext, cost: number | null): void {
  if (cost !== null) context.headers['x-litellm-response-cost'] = String(cost);
}
