// The hot-path price of one call: plain arithmetic over cached per-token prices. Matches
// the catalog's own calculation: cache reads and writes are carved out of the prompt and
// billed at their own prices, or at the input price when the model has none.

import { tokenPriceAt, type CatalogPrice } from './catalog-price.js';
import type { PriceOverrides } from './price-overrides.js';
import type { UsageCounts } from './read-usage-counts.js';

export function priceFromComponents(price: CatalogPrice | null, counts: UsageCounts, overrides: PriceOverrides): number {
  const input = overrides.input_cost_per_token ?? tokenPriceAt(price?.input, counts.input) ?? 0;
  const output = overrides.output_cost_per_token ?? tokenPriceAt(price?.output, counts.input) ?? 0;
  const cacheRead = overrides.cache_read_input_token_cost ?? tokenPriceAt(price?.cacheRead, counts.input) ?? input;
  const cacheWrite = overrides.cache_creation_input_token_cost ?? tokenPriceAt(price?.cacheWrite, counts.input) ?? input;
  const uncached = counts.input - counts.cacheRead - counts.cacheWrite;
  return uncached * input + counts.cacheRead * cacheRead + counts.cacheWrite * cacheWrite + counts.output * output + (price?.perRequest ?? 0);
}
