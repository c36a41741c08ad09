// The arguments one attempt passes to `completion()`/`embedding()`: router defaults, then the
// deployment's settings and prices, then the caller's body; the upstream model always wins.

import type { CallOptions } from '../call-options.js';
import { PRICE_OVERRIDE_FIELDS } from '../cost/price-overrides.js';
import type { Deployment, ResolvedDeployment } from './deployment.js';

/** Deployment fields that steer routing and mean nothing to a provider. */
const ROUTING_FIELDS = new Set(['rpm', 'tpm', 'weight', 'order', 'tags', 'max_parallel_requests']);


const settingsCache = new WeakMap<ResolvedDeployment, Record<string, unknown>>();

export function deploymentCallParams<T extends object>(
  defaults: CallOptions,
  deployment: ResolvedDeployment,
  params: T,
  wildcard: string | undefined,
): T & { model: string } {
  const model = deployment.litellm_params.model;
  const upstream = wildcard === undefined ? model : model.replace('*', wildcard);
  return { ...defaults, ...settingsOf(deployment), ...params, model: upstream };
}

/** Settled once per deployment: the call path copies this object instead of filtering keys. */
function settingsOf(deployment: ResolvedDeployment): Record<string, unknown> {
  let settings = settingsCache.get(deployment);
  if (settings === undefined) {
    settings = pickPrices(deployment.model_info);
    for (const [key, value] of Object.entries(deployment.litellm_params)) if (!ROUTING_FIELDS.has(key)) settings[key] = value;
    settingsCache.set(deployment, settings);
  }
  return settings;
}

/** LiteLLM accepts price overrides in model_info as well as litellm_params. */
function pickPrices(info: Deployment['model_info']): Record<string, unknown> {
  const prices: Record<string, unknown> = {};
  if (info === undefined) return prices;
  for (const field of PRICE_OVERRIDE_FIELDS) {
    const value = info[field];
    if (typeof value === 'number') prices[field] = value;
  }
  return prices;
}
