// The per-request metrics in the Prometheus text format, rendered from the accumulators at
// scrape time. Names follow LiteLLM's where it has one, so its dashboards keep working.

import { type CallStats, escapeLabelValue, type HistogramData, LATENCY_BUCKETS, type StatusStats } from './call-stats.js';

type Lines = string[];

function header(lines: Lines, name: string, type: 'counter' | 'histogram', help: string): void {
  lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`);
}

function counter(lines: Lines, name: string, help: string, values: Map<string, number>): void {
  header(lines, name, 'counter', help);
  for (const [labels, value] of values) lines.push(`${name}{${labels}} ${value}`);
}

function sumBy(stats: Iterable<CallStats>, labelsOf: (call: CallStats) => string, valueOf: (call: CallStats) => number): Map<string, number> {
  const values = new Map<string, number>();
  for (const call of stats) {
    const value = valueOf(call);
    if (value === 0) continue;
    const labels = labelsOf(call);
    values.set(labels, (values.get(labels) ?? 0) + value);
  }
  return values;
}

function histogram(lines: Lines, name: string, help: string, stats: Iterable<CallStats>, dataOf: (call: CallStats) => HistogramData): void {
  header(lines, name, 'histogram', help);
  for (const call of stats) {
    const data = dataOf(call);
    if (data.count === 0) continue;
    let cumulative = 0;
    for (let index = 0; index < LATENCY_BUCKETS.length; index += 1) {
      cumulative += data.counts[index] as number;
      lines.push(`${name}_bucket{${call.callLabels},le="${LATENCY_BUCKETS[index]}"} ${cumulative}`);
    }
    lines.push(`${name}_bucket{${call.callLabels},le="+Inf"} ${data.count}`, `${name}_sum{${call.callLabels}} ${data.sum}`, `${name}_count{${call.callLabels}} ${data.count}`);
  }
}

export function renderCallMetrics(calls: readonly CallStats[], statuses: readonly StatusStats[]): string {
  const lines: Lines = [];
  const byStatus = (labelsOf: (status: StatusStats) => string, only: (status: StatusStats) => boolean = () => true) => {
    const values = new Map<string, number>();
    for (const status of statuses) {
      if (!only(status)) continue;
      const labels = labelsOf(status);
      values.set(labels, (values.get(labels) ?? 0) + status.count);
    }
    return values;
  };
  counter(
    lines,
    'litellm_proxy_total_requests_metric',
    'Requests to the gateway, by caller and status',
    byStatus((status) => `${status.call.callerLabels},status_code="${status.statusCode}"`),
  );
  counter(
    lines,
    'litellm_proxy_failed_requests_metric',
    'Failed requests, by caller and error',
    byStatus(
      (status) => `${status.call.callerLabels},exception_status="${status.statusCode}",exception_class="${escapeLabelValue(status.errorClass)}"`,
      (status) => status.errorClass !== '',
    ),
  );
  counter(
    lines,
    'llmux_requests_total',
    'Requests by model group, deployment, provider, key alias, team and status',
    byStatus((status) => `${status.call.callLabels},status_code="${status.statusCode}"`),
  );
  const deployment = (call: CallStats) => call.deploymentLabels;
  const byCall = (call: CallStats) => call.callLabels;
  counter(
    lines,
    'litellm_deployment_total_requests',
    'Calls routed to each deployment',
    sumBy(calls, deployment, (call) => call.deploymentRequests),
  );
  counter(
    lines,
    'litellm_deployment_success_responses',
    'Successful calls per deployment',
    sumBy(calls, deployment, (call) => call.deploymentSuccesses),
  );
  counter(
    lines,
    'litellm_deployment_failure_responses',
    'Failed calls per deployment',
    sumBy(calls, deployment, (call) => call.deploymentFailures),
  );
  histogram(lines, 'litellm_request_total_latency_metric', 'Seconds from request arrival to the end of the reply', calls, (call) => call.totalLatency);
  histogram(lines, 'litellm_llm_api_latency_metric', 'Seconds the upstream call took (to the end of a stream)', calls, (call) => call.upstreamLatency);
  histogram(lines, 'litellm_llm_api_time_to_first_token_metric', 'Seconds from request arrival to the first streamed chunk', calls, (call) => call.timeToFirstToken);
  counter(
    lines,
    'litellm_input_tokens_metric',
    'Prompt tokens',
    sumBy(calls, byCall, (call) => call.inputTokens),
  );
  counter(
    lines,
    'litellm_output_tokens_metric',
    'Completion tokens',
    sumBy(calls, byCall, (call) => call.outputTokens),
  );
  counter(
    lines,
    'litellm_total_tokens_metric',
    'Prompt plus completion tokens',
    sumBy(calls, byCall, (call) => call.inputTokens + call.outputTokens),
  );
  counter(
    lines,
    'llmux_cached_input_tokens_total',
    'Prompt tokens read from the provider prompt cache',
    sumBy(calls, byCall, (call) => call.cachedTokens),
  );
  counter(
    lines,
    'litellm_spend_metric',
    'Spend in USD',
    sumBy(calls, byCall, (call) => call.spend),
  );
  const requested = (call: CallStats) => call.callerLabels.slice(0, call.callerLabels.indexOf(',api_key_alias='));
  counter(
    lines,
    'llmux_retries_total',
    'Retries the router made',
    sumBy(calls, requested, (call) => call.retries),
  );
  counter(
    lines,
    'llmux_fallbacks_total',
    'Fallbacks the router made to another model group',
    sumBy(calls, requested, (call) => call.fallbacks),
  );
  return `${lines.join('\n')}\n`;
}
