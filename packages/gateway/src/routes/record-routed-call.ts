// Copies what the router and SDK report about a call into the reply headers LiteLLM
// clients read (x-litellm-model-id, -model-group) and into the request's log line.

import type { RoutedMetadata, Usage } from 'llmux';
import { headerSafe } from '../http/header-safe.js';
import type { RequestContext } from '../http/request-context.js';

export function recordRoutedCall(context: RequestContext, metadata: RoutedMetadata): void {
  const log = context.log;
  log.provider = metadata.provider;
  log.modelGroup = metadata.modelGroup;
  log.deploymentId = metadata.deploymentId;
  context.headers['x-litellm-model-group'] = headerSafe(metadata.modelGroup);
  context.headers['x-litellm-model-id'] = metadata.deploymentId;
  if (metadata.warnings.length > 0) context.headers['x-llmux-warnings'] = headerSafe(metadata.warnings.join('; '));
}

/** Usage and cost, once known (after the reply, or at the end of a stream). */
export function recordUsage(context: RequestContext, usage: Usage | undefined, cost: number | null): void {
  if (usage !== undefined) {
    context.log.promptTokens = usage.prompt_tokens;
    context.log.completionTokens = usage.completion_tokens;
  }
  context.log.cost = cost;
}

/** LiteLLM's cost header: present only when the price is known. */
export function setCostHeader(context: RequestContext, cost: number | null): void {
  if (cost !== null) context.headers['x-litellm-response-cost'] = String(cost);
}
