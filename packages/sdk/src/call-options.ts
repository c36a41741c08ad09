// The LiteLLM-style options a call accepts beside the OpenAI body: credentials, endpoint,
// timeouts, drop_params and price overrides. Anything else not an OpenAI parameter is a
// provider setting (aws_region_name, vertex_project, ...) handed to the adapter.

import type { HttpClient } from './http/http-client.js';
import { PRICE_OVERRIDE_FIELDS, type PriceOverrides } from './cost/price-overrides.js';
import type { ProviderRegistry } from './providers/provider-registry.js';

export interface CallOptions extends PriceOverrides {
  api_key?: string;
  api_base?: string;
  api_version?: string;
  /** Seconds until the upstream must answer (default 600). */
  timeout?: number;
  /** Seconds until a stream's first bytes (defaults to `timeout`). */
  stream_timeout?: number;
  /** Seconds a stream may go without a chunk before it fails (defaults to `timeout`). */
  stream_idle_timeout?: number;
  /** Drop parameters the provider cannot honour (with a warning) instead of failing. */
  drop_params?: boolean;
  extra_headers?: Record<string, string>;
  signal?: AbortSignal;
  /** Use this HTTP client (connection pool) instead of the shared one. */
  http_client?: HttpClient;
  /** Use this provider registry instead of the built-in one. */
  registry?: ProviderRegistry;
  /** Routed calls: refuse a deployment llmux cannot price, so a $0 row never bypasses a budget. */
  reject_unpriced?: boolean;
  /** Provider-specific settings, as in `litellm_params`. */
  [setting: string]: unknown;
}

export const CALL_OPTION_NAMES = new Set<string>([
  'api_key',
  'api_base',
  'api_version',
  'timeout',
  'stream_timeout',
  'stream_idle_timeout',
  'drop_params',
  'extra_headers',
  'signal',
  'http_client',
  'registry',
  'reject_unpriced',
  ...PRICE_OVERRIDE_FIELDS,
]);
