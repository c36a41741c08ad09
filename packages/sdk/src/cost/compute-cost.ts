// The cost in USD of one call, from its canonical usage. Runs once per request on the
// gateway's hot path, so prices are resolved once per model and the common call is a few
// multiplications.

import type { Usage } from '../spec/usage.js';
import { priceFromComponents } from './price-from-components.js';
import { hasOverrides, hasPerSecondPrice, type PriceOverrides } from './price-overrides.js';
import { priceWithCatalog } from './price-with-catalog.js';
import { readUsageCounts } from './read-usage-counts.js';
import { resolveCatalogPrice } from './resolve-catalog-price.js';

const NO_OVERRIDES: PriceOverrides = {};

/**
 * USD for one call to `model` at `provider` (llmux / LiteLLM provider id; '' lets the
 * catalog infer it from the model name), or null when neither the catalog nor an override
 * prices it. Override prices replace the catalog's for their component. A per-second price
 * (with the call's duration) replaces token pricing altogether, as LiteLLM does.
 */
export function computeCost(provider: string, model: string, usage: Usage, overrides?: PriceOverrides, durationMs?: number): number | null {
  const given = overrides ?? NO_OVERRIDES;
  if (durationMs !== undefined && hasPerSecondPrice(given)) {
    return ((given.input_cost_per_second ?? 0) + (given.output_cost_per_second ?? 0)) * (durationMs / 1000);
  }
  const price = given.base_model === undefined ? resolveCatalogPrice(provider, model) : resolveBaseModelPrice(provider, given.base_model);
  if (price === null && !hasOverrides(given)) return null;
  const counts = readUsageCounts(usage);
  if (price !== null) {
    for (const separate of price.separatelyPriced) {
      if (counts[separate.count] > 0) return priceWithCatalog(price, counts, given) ?? priceFromComponents(price, counts, given);
    }
  }
  return priceFromComponents(price, counts, given);
}

/** `base_model` with its own provider prefix (`azure/gpt-4o`) or under the deployment's provider. */
function resolveBaseModelPrice(provider: string, baseModel: string) {
  const slash = baseModel.indexOf('/');
  if (slash > 0) {
    const prefixed = resolveCatalogPrice(baseModel.slice(0, slash), baseModel.slice(slash + 1));
    if (prefixed !== null) return prefixed;
  }
  return resolveCatalogPrice(provider, baseModel);
}
