// Separates a call's arguments into the OpenAI body, the call options and the provider
// settings, and builds the adapter's call context.

import { CALL_OPTION_NAMES, type CallOptions } from './call-options.js';
import { getSharedHttpClient } from './http/http-client.js';
import { PRICE_OVERRIDE_FIELDS, type PriceOverrides } from './cost/price-overrides.js';
import type { ProviderCallContext } from './providers/provider-adapter.js';

const DEFAULT_TIMEOUT_SECONDS = 600;

export interface SplitCall<Body> {
  body: Body;
  options: CallOptions;
  settings: Record<string, unknown>;
  prices: PriceOverrides;
}

export function splitCall<Body extends object>(args: Record<string, unknown>, bodyKeys: ReadonlySet<string>): SplitCall<Body> {
  return splitCallOnto<Body>(undefined, args, bodyKeys);
}

/**
 * `base`'s parts (not changed) with `args` split over them, `args` winning. The router splits
 * a deployment's settings once and each call's few own arguments onto them, where merging
 * everything into one object and splitting it again cost ~5 µs a call. An undefined value
 * leaves `base`'s value in place.
 */
export function splitCallOnto<Body extends object>(base: SplitCall<object> | undefined, args: Record<string, unknown>, bodyKeys: ReadonlySet<string>): SplitCall<Body> {
  const body: Record<string, unknown> = base === undefined ? {} : { ...base.body };
  const options: Record<string, unknown> = base === undefined ? {} : { ...base.options };
  const settings: Record<string, unknown> = base === undefined ? {} : { ...base.settings };
  let pricesChanged = false;
  for (const key in args) {
    const value = args[key];
    if (value === undefined) continue;
    if (bodyKeys.has(key)) body[key] = value;
    else if (CALL_OPTION_NAMES.has(key)) {
      options[key] = value;
      if (PRICE_OVERRIDE_NAMES.has(key)) pricesChanged = true;
    } else settings[key] = value;
  }
  const typed = options as CallOptions;
  return {
    body: body as Body,
    options: typed,
    settings,
    prices: base === undefined || pricesChanged ? pricesOf(typed) : base.prices,
  };
}

const PRICE_OVERRIDE_NAMES: ReadonlySet<string> = new Set(PRICE_OVERRIDE_FIELDS);

function pricesOf(options: CallOptions): PriceOverrides {
  const prices: PriceOverrides = {};
  // Each field keeps its own type; TypeScript cannot follow that through the loop variable.
  for (const field of PRICE_OVERRIDE_FIELDS) (prices as Record<string, unknown>)[field] = options[field];
  return prices;
}

export function createCallContext(provider: string, model: string, options: CallOptions, settings: Record<string, unknown>, stream: boolean): ProviderCallContext {
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
