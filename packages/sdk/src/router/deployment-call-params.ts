// The arguments one attempt passes to `completion()`/`embedding()`: router defaults, then the
// deployment's settings and prices, then the caller's arguments; the upstream model always
// wins. The first two are split into body, options and settings once per deployment; each
// call splits only its own arguments onto them.

import type { CallOptions } from '../call-options.js';
import { isDeploymentPriced } from '../cost/check-deployment-price.js';
import { PRICE_OVERRIDE_FIELDS } from '../cost/price-overrides.js';
import { BadRequestError } from '../errors/error-classes.js';
import { splitCall, splitCallOnto, type SplitCall } from '../split-call.js';
import type { Deployment, ResolvedDeployment } from './deployment.js';

/** Deployment fields that steer routing and mean nothing to a provider. */
const ROUTING_FIELDS = new Set(['rpm', 'tpm', 'weight', 'order', 'tags', 'max_parallel_requests']);

interface SplitDeployment {
  defaults: CallOptions;
  /** Per body-key set (chat, embeddings): the deployment's arguments, split. */
  byBodyKeys: Map<ReadonlySet<string>, SplitCall<object>>;
  /** Set when `reject_unpriced` refuses this deployment: checked once, not per call. */
  refusal: string | undefined;
}

const splitCache = new WeakMap<ResolvedDeployment, SplitDeployment>();

export function deploymentCall<Body extends object>(
  defaults: CallOptions,
  deployment: ResolvedDeployment,
  args: object,
  wildcard: string | undefined,
  bodyKeys: ReadonlySet<string>,
): SplitCall<Body & { model: string }> {
  const call = splitCallOnto<Body & { model: string }>(baseOf(defaults, deployment, bodyKeys), args as Record<string, unknown>, bodyKeys);
  const refusal = splitCache.get(deployment)?.refusal;
  // A new error each time: the router adds each call's attempt headers to the one it throws.
  if (refusal !== undefined) throw new BadRequestError(refusal, { code: 'model_price_not_found', param: 'model' });
  const model = deployment.litellm_params.model;
  call.body.model = wildcard === undefined ? model : model.replace('*', wildcard);
  return call;
}

function baseOf(defaults: CallOptions, deployment: ResolvedDeployment, bodyKeys: ReadonlySet<string>): SplitCall<object> {
  let cached = splitCache.get(deployment);
  if (cached === undefined || cached.defaults !== defaults) {
    cached = { defaults, byBodyKeys: new Map(), refusal: defaults.reject_unpriced === true ? unpricedRefusal(deployment) : undefined };
    splitCache.set(deployment, cached);
  }
  let base = cached.byBodyKeys.get(bodyKeys);
  if (base === undefined) {
    base = splitCall<object>({ ...defaults, ...settingsOf(deployment) }, bodyKeys);
    cached.byBodyKeys.set(bodyKeys, base);
  }
  return base;
}

function settingsOf(deployment: ResolvedDeployment): Record<string, unknown> {
  const settings = pickPrices(deployment.model_info);
  for (const [key, value] of Object.entries(deployment.litellm_params)) if (!ROUTING_FIELDS.has(key)) settings[key] = value;
  return settings;
}

function unpricedRefusal(deployment: ResolvedDeployment): string | undefined {
  if (isDeploymentPriced(deployment) !== false) return undefined;
  return (
    `deployment ${deployment.id} of model "${deployment.model_name}" (${deployment.litellm_params.model}) has no known price and reject_unpriced is on: ` +
    'set model_info.base_model or input_cost_per_token/output_cost_per_token'
  );
}

/** LiteLLM accepts price overrides in model_info as well as litellm_params. */
function pickPrices(info: Deployment['model_info']): Record<string, unknown> {
  const prices: Record<string, unknown> = {};
  if (info === undefined) return prices;
  for (const field of PRICE_OVERRIDE_FIELDS) {
    const value = info[field];
    if (typeof value === 'number' || (field === 'base_model' && typeof value === 'string')) prices[field] = value;
  }
  return prices;
}
