// Copies what the router and SDK report about a call into the reply headers LiteLLM
// clients read (x-litellm-model-id, -model-group, -attempted-retries, -attempted-fallbacks)
// and into the call record.

import type { RoutedMetadata, Usage } from 'llmux';
import { headerSafe } from '../http/header-safe.js';
import type { RequestContext } from '../http/request-context.js';
import { readGatewayVersion } from '../version.js';

/** LiteLLM's x-litellm-version: read once, the same on every reply. */
const VERSION = headerSafe(readGatewayVersion());

/** Header values of deployment api_bases, computed once per base (a gateway has a few). */
const apiBaseHeaders = new Map<string, string>();
const MAX_API_BASES = 1_000;

/**
 * An api_base as a header may show it: scheme, host, port and path. Credentials in the URL
 * (`user:pass@`) and the query string (`?key=...`) never leave the gateway.
 */
function apiBaseHeader(apiBase: string): string {
  let value = apiBaseHeaders.get(apiBase);
  if (value === undefined) {
    let url: URL | undefined;
    try {
      url = new URL(apiBase);
    } catch {
      url = undefined;
    }
    value = url === undefined ? '' : headerSafe(`${url.protocol}//${url.host}${url.pathname}`);
    if (apiBaseHeaders.size >= MAX_API_BASES) apiBaseHeaders.clear();
    apiBaseHeaders.set(apiBase, value);
  }
  return value;
}

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
  context.headers['x-litellm-version'] = VERSION;
  if (metadata.apiBase !== undefined) {
    const apiBase = apiBaseHeader(metadata.apiBase);
    if (apiBase !== '') context.headers['x-litellm-model-api-base'] = apiBase;
  }
  // As LiteLLM: the time to the upstream's answer, and of that the gateway's own share. A
  // stream's headers leave before its end, so on a stream both stop at its first content:
  // the overhead is the gateway's time up to the first byte (the router's attempt time is
  // the upstream's share; a complete reply uses the SDK's own measure of the upstream call).
  const durationMs = performance.now() - context.startedAt;
  context.headers['x-litellm-response-duration-ms'] = durationMs.toFixed(3);
  const upstreamMs = metadata.durationMs ?? metadata.attemptMs;
  if (upstreamMs !== undefined) context.headers['x-litellm-overhead-duration-ms'] = Math.max(0, durationMs - upstreamMs).toFixed(3);
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
