// The gateway's prom-client metrics: gauges and counters of rare events, named as LiteLLM
// names them where it has one and `llmux_*` where it has none. The per-request series are
// accumulated in call-stats.ts and rendered beside these (render-call-metrics.ts).

import { collectDefaultMetrics, Counter, Gauge, type Registry } from 'prom-client';

export type GatewayMetricSet = ReturnType<typeof defineMetrics>;

/** `inFlight()` is read at scrape time: a gauge's own inc/dec hashes its labels on each call. */
export function defineMetrics(registry: Registry, inFlight: () => number) {
  const registers = [registry];
  const counter = <L extends string>(name: string, help: string, labelNames: readonly L[]) => new Counter<L>({ name, help, labelNames, registers });
  const gauge = <L extends string>(name: string, help: string, labelNames: readonly L[]) => new Gauge<L>({ name, help, labelNames, registers });
  collectDefaultMetrics({ register: registry });
  new Gauge({
    name: 'llmux_in_flight_requests',
    help: 'Requests being served now',
    registers,
    collect() {
      this.set(inFlight());
    },
  });

  return {
    cooldowns: counter('litellm_deployment_cooled_down', 'Times a deployment entered cooldown', ['litellm_model_name', 'model_id', 'api_provider', 'exception_status']),
    remainingKeyBudget: gauge('litellm_remaining_api_key_budget_metric', 'USD left in the key budget', ['hashed_api_key', 'api_key_alias']),
    remainingTeamBudget: gauge('litellm_remaining_team_budget_metric', 'USD left in the team budget', ['team', 'team_alias']),
    remainingKeyRequests: gauge('litellm_remaining_api_key_requests_for_model', 'Requests left in the key rate limit window', ['hashed_api_key', 'api_key_alias', 'model']),
    remainingKeyTokens: gauge('litellm_remaining_api_key_tokens_for_model', 'Tokens left in the key rate limit window', ['hashed_api_key', 'api_key_alias', 'model']),
    remainingTeamRequests: gauge('llmux_remaining_team_requests', 'Requests left in the team rate limit window', ['team', 'team_alias', 'model']),
    remainingTeamTokens: gauge('llmux_remaining_team_tokens', 'Tokens left in the team rate limit window', ['team', 'team_alias', 'model']),

    cacheHits: counter('litellm_cache_hits_metric', 'Replies served from the response cache, with no upstream call', []),
    callbackEvents: counter('llmux_callback_events_total', 'Logging-callback events by outcome (sent, failed, dropped)', ['callback', 'outcome']),
    alertsSent: counter('llmux_alerts_total', 'Alerts raised, by type', ['alert_type']),
  };
}
