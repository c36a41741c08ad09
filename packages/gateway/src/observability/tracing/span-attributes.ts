// A finished request as OpenTelemetry attributes, in the GenAI semantic conventions
// (gen_ai.*) plus HTTP and llmux ones. The request id is the span's link to the logs.

import type { RequestContext } from '../../http/request-context.js';
import { readCaller } from '../read-caller.js';

export type SpanAttributes = Record<string, string | number | boolean>;

/** gen_ai.operation.name, as the serving operation declares it (core/operations); `http` for other routes. */
export function operationOf(context: RequestContext): string {
  return context.operation?.traceName ?? 'http';
}

export function spanAttributes(context: RequestContext, status: number): SpanAttributes {
  const log = context.call;
  const caller = readCaller(context);
  const attributes: SpanAttributes = {
    'gen_ai.operation.name': operationOf(context),
    'http.request.method': context.method,
    'url.path': context.path,
    'http.response.status_code': status,
    'llmux.request_id': context.id,
    'litellm.call_id': context.id,
  };
  const optional: Record<string, string | number | undefined> = {
    'gen_ai.system': log.provider,
    'gen_ai.provider.name': log.provider,
    'gen_ai.request.model': log.modelGroup,
    'gen_ai.response.model': log.upstreamModel,
    'gen_ai.usage.input_tokens': log.promptTokens,
    'gen_ai.usage.output_tokens': log.completionTokens,
    'gen_ai.usage.cache_read.input_tokens': log.cachedTokens,
    'llmux.deployment_id': log.deploymentId,
    'llmux.cost_usd': typeof log.cost === 'number' ? log.cost : undefined,
    'llmux.time_to_first_token_ms': log.timeToFirstTokenMs,
    'llmux.upstream_latency_ms': log.upstreamLatencyMs,
    'llmux.retries': log.attemptedRetries,
    'llmux.fallbacks': log.attemptedFallbacks,
    'llmux.key_alias': caller.keyAlias,
    'llmux.team_id': caller.teamId,
    'error.type': log.errorClass,
  };
  for (const [name, value] of Object.entries(optional)) if (value !== undefined) attributes[name] = value;
  if (log.stream === true) attributes['gen_ai.request.stream'] = true;
  return attributes;
}
