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

interface CallCounter {
  name: string;
  help: string;
  labels: (call: CallStats) => string;
  value: (call: CallStats) => number;
}

const deployment = (call: CallStats): string => call.deploymentLabels;
const byCall = (call: CallStats): string => call.callLabels;
/** The caller's labels up to the key alias: what the client asked for, before routing. */
const requested = (call: CallStats): string => call.callerLabels.slice(0, call.callerLabels.indexOf(',api_key_alias='));

const DEPLOYMENT_COUNTERS: readonly CallCounter[] = [
  { name: 'litellm_deployment_total_requests', help: 'Calls routed to each deployment', labels: deployment, value: (call) => call.deploymentRequests },
  { name: 'litellm_deployment_success_responses', help: 'Successful calls per deployment', labels: deployment, value: (call) => call.deploymentSuccesses },
  { name: 'litellm_deployment_failure_responses', help: 'Failed calls per deployment', labels: deployment, value: (call) => call.deploymentFailures },
];

const LATENCY_HISTOGRAMS: ReadonlyArray<{ name: string; help: string; data: (call: CallStats) => HistogramData }> = [
  { name: 'litellm_request_total_latency_metric', help: 'Seconds from request arrival to the end of the reply', data: (call) => call.totalLatency },
  { name: 'litellm_llm_api_latency_metric', help: 'Seconds the upstream call took (to the end of a stream)', data: (call) => call.upstreamLatency },
  { name: 'litellm_llm_api_time_to_first_token_metric', help: 'Seconds from request arrival to the first streamed chunk', data: (call) => call.timeToFirstToken },
];

const CALL_COUNTERS: readonly CallCounter[] = [
  { name: 'litellm_input_tokens_metric', help: 'Prompt tokens', labels: byCall, value: (call) => call.inputTokens },
  { name: 'litellm_output_tokens_metric', help: 'Completion tokens', labels: byCall, value: (call) => call.outputTokens },
  { name: 'litellm_total_tokens_metric', help: 'Prompt plus completion tokens', labels: byCall, value: (call) => call.inputTokens + call.outputTokens },
  { name: 'llmux_cached_input_tokens_total', help: 'Prompt tokens read from the provider prompt cache', labels: byCall, value: (call) => call.cachedTokens },
  { name: 'litellm_spend_metric', help: 'Spend in USD', labels: byCall, value: (call) => call.spend },
  { name: 'llmux_retries_total', help: 'Retries the router made', labels: requested, value: (call) => call.retries },
  { name: 'llmux_fallbacks_total', help: 'Fallbacks the router made to another model group', labels: requested, value: (call) => call.fallbacks },
];

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
  for (const metric of DEPLOYMENT_COUNTERS) counter(lines, metric.name, metric.help, sumBy(calls, metric.labels, metric.value));
  for (const metric of LATENCY_HISTOGRAMS) histogram(lines, metric.name, metric.help, calls, metric.data);
  for (const metric of CALL_COUNTERS) counter(lines, metric.name, metric.help, sumBy(calls, metric.labels, metric.value));
  return `${lines.join('\n')}\n`;
}
