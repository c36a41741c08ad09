// The gateway's configuration, in LiteLLM's `config.yaml` shape (snake_case, same section
// names) so a LiteLLM config loads unchanged and management APIs can echo it back.

import type { Deployment, ProviderBudgetConfig, RouterSettings } from 'llmux';
import type { NewRecordDefaults } from './new-record-defaults-schema.js';
import type { TagBudgetConfig } from './tag-budget-config-schema.js';
import type { TeamLoggingSettings } from './team-logging-settings-schema.js';

/** LiteLLM's `router_settings`: the SDK router's settings plus where shared state lives. */
export interface GatewayRouterSettings extends Omit<RouterSettings, 'routing_strategy'> {
  /** The SDK's strategies, or LiteLLM's `provider-budget-routing` (the default strategy after the budget filter). */
  routing_strategy?: RouterSettings['routing_strategy'] | 'provider-budget-routing';
  /** LiteLLM's provider budgets: provider id → USD per period (provider-budgets/). */
  provider_budget_config?: Record<string, ProviderBudgetConfig>;
  redis_url?: string;
  redis_host?: string;
  redis_port?: number | string;
  redis_password?: string;
  [setting: string]: unknown;
}

export interface LitellmSettings {
  /** Drop parameters a provider cannot honour (with a warning) instead of failing. */
  drop_params?: boolean;
  /** Seconds an upstream call may take. */
  request_timeout?: number;
  /** llmux's own: refuse calls to a deployment with no known price. */
  reject_unpriced?: boolean;
  /** Kept for the router's retry support. */
  num_retries?: number;
  /** Logging callbacks (`generic_api`, `otel`, `file`, ...) run after successful calls. */
  success_callback?: string[];
  /** Logging callbacks run after failed calls. */
  failure_callback?: string[];
  /** Callbacks run after every call (LiteLLM also lists `prometheus` here; metrics are always on). */
  callbacks?: string[];
  /** Per-callback settings, e.g. `{ generic_api: { endpoint, headers }, file: { path } }`. */
  callback_settings?: Record<string, Record<string, unknown>>;
  /** Never log or forward message content, whatever else asks for it. */
  turn_off_message_logging?: boolean;
  /** false: /metrics needs no key (LiteLLM's default; ours is to require the master key). */
  require_auth_for_metrics_endpoint?: boolean;
  /** Filled into /team/new where the request leaves a field out (LiteLLM's default_team_params). */
  default_team_params?: NewRecordDefaults;
  /** Filled into /user/new where the request leaves a field out (LiteLLM's default_internal_user_params). */
  default_internal_user_params?: NewRecordDefaults;
  /** LiteLLM's tag budgets in the config: tag → max_budget per budget_duration (spend/configured-tag-budgets.ts). */
  tag_budget_config?: TagBudgetConfig;
  /** LiteLLM's per-team logging callbacks (observability/callbacks/create-callbacks.ts). */
  default_team_settings?: TeamLoggingSettings[];
  [setting: string]: unknown;
}

export interface GeneralSettings {
  /** When set, every API route requires this key. */
  master_key?: string;
  /** Request bodies larger than this are refused with 413 (default 20). */
  max_request_size_mb?: number;
  /** /metrics without the master key. */
  public_metrics?: boolean;
  /** Alert channels: `webhook` (alerting_webhook_url) and `slack` (SLACK_WEBHOOK_URL). */
  alerting?: string[];
  alerting_webhook_url?: string;
  /** Error-rate alert tuning: error_rate_threshold (0-1), window_seconds, min_requests, repeat_seconds. */
  alerting_args?: Record<string, unknown>;
  /** Seconds SIGTERM/SIGINT lets in-flight requests finish before cutting them (default 10). */
  shutdown_grace_seconds?: number;
  /** Check every deployment every health_check_interval seconds; failures cool it down. */
  background_health_checks?: boolean;
  /** Seconds between background health checks (default 300, as in LiteLLM). */
  health_check_interval?: number;
  /** Include message content in callback payloads and detailed logs. */
  store_prompts_in_spend_logs?: boolean;
  /** Write no spend-log rows; key, team and user spend still count. */
  disable_spend_logs?: boolean;
  [setting: string]: unknown;
}

export interface GatewayConfig {
  model_list: Deployment[];
  litellm_settings: LitellmSettings;
  general_settings: GeneralSettings;
  /** The router's settings (routing_strategy, retries, fallbacks, cooldowns, Redis). */
  router_settings: GatewayRouterSettings;
  environment_variables: Record<string, string>;
}

export function emptyGatewayConfig(): GatewayConfig {
  return { model_list: [], litellm_settings: {}, general_settings: {}, router_settings: {}, environment_variables: {} };
}
