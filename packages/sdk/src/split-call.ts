// Separates a call's arguments into the OpenAI body, the call options and the provider
// settings, and builds the adapter's call context.

import { CALL_OPTION_NAMES, type CallOptions } from './call-options.js';
import { getSharedHttpClient } from './http/http-client.js';
import type { PriceOverrides } from './cost/price-overrides.js';
import type { ProviderCallContext } from './providers/provider-adapter.js';

const DEFAULT_TIMEOUT_SECONDS = 600;

export interface SplitCall<Body> {
  body: Body;
  options: CallOptions;
  settings: Record<string, unknown>;
  prices: PriceOverrides;
}

export function splitCall<Body extends object>(
  args: Record<string, unknown>,
  bodyKeys: ReadonlySet<string>,
): SplitCall<Body> {
  const body: Record<string, unknown> = {};
  const options: Record<string, unknown> = {};
  const settings: Record<string, unknown> = {};
  for (const key in args) {
    const value = args[key];
    if (value === undefined) continue;
    if (bodyKeys.has(key)) body[key] = value;
    else if (CALL_OPTION_NAMES.has(key)) options[key] = value;
    else settings[key] = value;
  }
  const typed = options as CallOptions;
  return {
    body: body as Body,
    options: typed,
    settings,
    prices: {
      input_cost_per_token: typed.input_cost_per_token,
      output_cost_per_token: typed.output_cost_per_token,
      cache_read_input_token_cost: typed.cache_read_input_token_cost,
      cache_creation_input_token_cost: typed.cache_creation_input_token_cost,
      input_cost_per_second: typed.input_cost_per_second,
      output_cost_per_second: typed.output_cost_per_second,
    },
  };
}

export function createCallContext(
  provider: string,
  model: string,
  options: CallOptions,
  settings: Record<string, unknown>,
  stream: boolean,
): ProviderCallContext {
  const timeoutSeconds = (stream ? options.stream_timeout : undefined) ?? options.timeout ?? DEFAULT_TIMEOUT_SECONDS;
  return {
    provider,
    model,
    apiKey: options.api_key,
    apiBase: options.api_base,
    apiVersion: options.api_version,
    extraHeaders: options.extra_headers,
    settings,
    timeoutMs: timeoutSeconds * 1000,
    streamIdleTimeoutMs: (options.stream_idle_timeout ?? options.timeout ?? DEFAULT_TIMEOUT_SECONDS) * 1000,
    signal: options.signal,
    http: options.http_client ?? getSharedHttpClient(),
    warnings: [],
  };
}
