// LiteLLM's StandardLoggingPayload, the body its logging callbacks receive, built from a
// finished request's context. Tools that read LiteLLM's generic API logger read this.
// It never holds a key: only the key's sha256 hash and alias, and api_base without
// credentials. Message content is not captured by the gateway, so `messages` is null.

import { performance } from 'node:perf_hooks';
import type { RequestContext } from '../../http/request-context.js';
import { readCaller } from '../read-caller.js';

export interface StandardLoggingPayload {
  id: string;
  trace_id: string;
  call_type: string;
  stream: boolean;
  status: 'success' | 'failure';
  response_cost: number;
  total_tokens: number;
  prompt_tokens: number;
  completion_tokens: number;
  /** Seconds since the epoch, as LiteLLM sends them. */
  startTime: number;
  endTime: number;
  completionStartTime: number;
  response_time: number;
  model: string;
  model_id: string | null;
  model_group: string | null;
  custom_llm_provider: string | null;
  api_base: string;
  cache_hit: boolean;
  metadata: {
    user_api_key_hash: string | null;
    user_api_key_alias: string | null;
    user_api_key_team_id: string | null;
    user_api_key_team_alias: string | null;
    user_api_key_user_id: string | null;
    requester_ip_address: string | null;
  };
  messages: null;
  response: null;
  error_str: string | null;
  error_information: { error_code: string; error_class: string; llm_provider: string; error_message: string } | null;
  hidden_params: { model_id: string | null; api_base: string; response_cost: number; litellm_overhead_time_ms: number | null };
  http_status: number;
}

/** `apiBaseOf` maps a deployment id to its api_base, already stripped of credentials. */
export function buildStandardLoggingPayload(context: RequestContext, status: number, apiBaseOf: (deploymentId: string) => string): StandardLoggingPayload {
  const log = context.call;
  const now = performance.now();
  const startTime = (performance.timeOrigin + context.startedAt) / 1000;
  const endTime = (performance.timeOrigin + now) / 1000;
  const caller = readCaller(context);
  const failed = status >= 400 || log.errorClass !== undefined;
  const prompt = log.promptTokens ?? 0;
  const completion = log.completionTokens ?? 0;
  const cost = typeof log.cost === 'number' ? log.cost : 0;
  const deploymentId = log.deploymentId ?? null;
  const apiBase = deploymentId === null ? '' : apiBaseOf(deploymentId);
  const upstream = log.upstreamLatencyMs;
  return {
    id: context.id,
    trace_id: context.id,
    // As the serving operation declares it (core/operations); other routes report their path.
    call_type: context.operation?.callType ?? context.path,
    stream: log.stream === true,
    status: failed ? 'failure' : 'success',
    response_cost: cost,
    total_tokens: prompt + completion,
    prompt_tokens: prompt,
    completion_tokens: completion,
    startTime,
    endTime,
    completionStartTime: log.timeToFirstTokenMs === undefined ? endTime : startTime + log.timeToFirstTokenMs / 1000,
    response_time: endTime - startTime,
    model: log.upstreamModel ?? log.modelGroup ?? '',
    model_id: deploymentId,
    model_group: log.modelGroup ?? null,
    custom_llm_provider: log.provider ?? null,
    api_base: apiBase,
    cache_hit: false,
    metadata: {
      user_api_key_hash: caller.keyHash ?? null,
      user_api_key_alias: caller.keyAlias ?? null,
      user_api_key_team_id: caller.teamId ?? null,
      user_api_key_team_alias: caller.teamAlias ?? null,
      user_api_key_user_id: caller.userId ?? null,
      requester_ip_address: context.request.socket.remoteAddress ?? null,
    },
    messages: null,
    response: null,
    error_str: failed ? (log.errorMessage ?? log.errorClass ?? `HTTP ${status}`) : null,
    error_information: failed
      ? { error_code: String(status), error_class: log.errorClass ?? 'HttpError', llm_provider: log.provider ?? '', error_message: log.errorMessage ?? '' }
      : null,
    hidden_params: {
      model_id: deploymentId,
      api_base: apiBase,
      response_cost: cost,
      litellm_overhead_time_ms: upstream === undefined ? null : Math.max(0, now - context.startedAt - upstream),
    },
    http_status: status,
  };
}
