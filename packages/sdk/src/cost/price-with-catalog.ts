// The rare call the cached prices cannot price alone: usage (audio, reasoning) that this
// model bills at its own rate. The catalog's calculation then runs in full, with any
// overrides folded into a one-model catalog entry.

import { calcPrice, type ModelPrice, type PriceOptions, type Usage as CatalogUsage } from '@pydantic/genai-prices';
import type { CatalogPrice } from './catalog-price.js';
import { hasOverrides, type PriceOverrides } from './price-overrides.js';
import type { UsageCounts } from './read-usage-counts.js';

const TOKENS_PER_MTOK = 1e6;

/** The catalog's total, or undefined when it cannot price this usage. */
export function priceWithCatalog(price: CatalogPrice, counts: UsageCounts, overrides: PriceOverrides): number | undefined {
  const catalog = price.catalog;
  if (catalog === undefined) return undefined;
  const usage: CatalogUsage = {
    input_tokens: counts.input,
    cache_read_tokens: counts.cacheRead,
    cache_write_tokens: counts.cacheWrite,
    output_tokens: counts.output,
  };
  for (const separate of price.separatelyPriced) usage[separate.usageKey] = counts[separate.count];
  const options: PriceOptions = hasOverrides(overrides)
    ? {
        provider: {
          id: catalog.providerId,
          name: catalog.providerId,
          api_pattern: '',
          models: [{ id: catalog.model, match: { equals: catalog.model }, prices: withOverrides(catalog.modelPrice, overrides) }],
        },
      }
    : { providerId: catalog.providerId };
  try {
    return calcPrice(usage, catalog.model, options)?.total_price;
  } catch {
    // Usage the catalog finds inconsistent (e.g. audio tokens that overlap cache reads it
    // needs split out); the caller falls back to the plain token prices.
    return undefined;
  }
}

function withOverrides(prices: ModelPrice, overrides: PriceOverrides): ModelPrice {
  const merged: ModelPrice = { ...prices };
  if (overrides.input_cost_per_token !== undefined) merged.input_mtok = overrides.input_cost_per_token * TOKENS_PER_MTOK;
  if (overrides.output_cost_per_token !== undefined) merged.output_mtok = overrides.output_cost_per_token * TOKENS_PER_MTOK;
  if (overrides.cache_read_input_token_cost !== undefined) merged.cache_read_mtok = overrides.cache_read_input_token_cost * TOKENS_PER_MTOK;
  if (overrides.cache_creation_input_token_cost !== undefined) {
    merged.cache_write_mtok = overrides.cache_creation_input_token_cost * TOKENS_PER_MTOK;
  }
  return merged;
}
