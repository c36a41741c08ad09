// The gateway's configuration, in LiteLLM's `config.yaml` shape (snake_case, same section
// names) so a LiteLLM config loads unchanged and management APIs can echo it back.

import type { Deployment } from 'llmux';

export interface LitellmSettings {
  /** Drop parameters a provider cannot honour (with a warning) instead of failing. */
  drop_params?: boolean;
  /** Seconds an upstream call may take. */
  request_timeout?: number;
  /** Kept for the router's retry support. */
  num_retries?: number;
  [setting: string]: unknown;
}

export interface GeneralSettings {
  /** When set, every API route requires this key. */
  master_key?: string;
  /** Request bodies larger than this are refused with 413 (default 20). */
  max_request_size_mb?: number;
  [setting: string]: unknown;
}

export interface GatewayConfig {
  model_list: Deployment[];
  litellm_settings: LitellmSettings;
  general_settings: GeneralSettings;
  /** Kept for the router's strategies (routing_strategy, fallbacks, cooldowns). */
  router_settings: Record<string, unknown>;
  environment_variables: Record<string, string>;
}

export function emptyGatewayConfig(): GatewayConfig {
  return { model_list: [], litellm_settings: {}, general_settings: {}, router_settings: {}, environment_variables: {} };
}
