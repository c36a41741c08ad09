// Per-request metric accumulators in plain numbers. prom-client's child handles hash their
// labels on every increment (about 10 µs a request for our dozen series), so the request
// path only adds to these fields; the text is rendered at scrape time.

/** Seconds; from a fast cached reply to a long generation. */
export const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300];

export class HistogramData {
  readonly counts = new Float64Array(LATENCY_BUCKETS.length);
  sum = 0;
  count = 0;

  observe(value: number): void {
    this.sum += value;
    this.count += 1;
    for (let index = 0; index < LATENCY_BUCKETS.length; index += 1) {
      if (value <= (LATENCY_BUCKETS[index] as number)) {
        this.counts[index] = (this.counts[index] as number) + 1;
        return;
      }
    }
  }
}

/** One series per (requested model, upstream model, deployment, provider, key alias, team, operation). */
export interface CallStats {
  /** Rendered label sets: `requested_model="…",model="…",…`. */
  readonly callLabels: string;
  readonly callerLabels: string;
  readonly deploymentLabels: string;
  readonly totalLatency: HistogramData;
  readonly upstreamLatency: HistogramData;
  readonly timeToFirstToken: HistogramData;
  inputTokens: number;
  outputTokens: number;
  cachedTokens: number;
  spend: number;
  deploymentRequests: number;
  deploymentSuccesses: number;
  deploymentFailures: number;
  retries: number;
  fallbacks: number;
  /** By status code, then error class ('' for none). */
  readonly statuses: Map<number, Map<string, StatusStats>>;
}

/** Requests of one call series with one status and error class. */
export interface StatusStats {
  readonly call: CallStats;
  readonly statusCode: string;
  readonly errorClass: string;
  count: number;
}

export function createCallStats(labels: readonly string[]): CallStats {
  const [requested, model, modelId, provider, alias, team, teamAlias, operation] = labels.map(escapeLabelValue) as [string, string, string, string, string, string, string, string];
  // `operation`: the operation's name (chat, embeddings, messages, responses, ...); empty for other routes.
  return {
    callLabels: `requested_model="${requested}",model="${model}",model_id="${modelId}",api_provider="${provider}",api_key_alias="${alias}",team="${team}",team_alias="${teamAlias}",operation="${operation}"`,
    callerLabels: `requested_model="${requested}",api_key_alias="${alias}",team="${team}",team_alias="${teamAlias}",operation="${operation}"`,
    deploymentLabels: `litellm_model_name="${model}",model_id="${modelId}",api_provider="${provider}",requested_model="${requested}"`,
    totalLatency: new HistogramData(),
    upstreamLatency: new HistogramData(),
    timeToFirstToken: new HistogramData(),
    inputTokens: 0,
    outputTokens: 0,
    cachedTokens: 0,
    spend: 0,
    deploymentRequests: 0,
    deploymentSuccesses: 0,
    deploymentFailures: 0,
    retries: 0,
    fallbacks: 0,
    statuses: new Map(),
  };
}

/** The exposition format's escapes for label values. */
export function escapeLabelValue(value: string): string {
  return value.replace(/[\\"\n]/g, (character) => (character === '\n' ? '\\n' : `\\${character}`));
}
