// A model's prices as resolved from the catalog once and cached: USD per token for each
// component llmux reports, ready for arithmetic on every call.

import type { ModelPrice } from '@pydantic/genai-prices';
import type { UsageCounts } from './read-usage-counts.js';

/** A price that switches, for the whole call, once the prompt exceeds a tier's start. */
interface TieredTokenPrice {
  base: number;
  /** Sorted by `start`, ascending. */
  tiers: ReadonlyArray<{ start: number; price: number }>;
}

/** USD per token. */
export type TokenPrice = number | TieredTokenPrice;

/** A usage count some models price separately, and the catalog's names for it. */
export interface SeparateUsage {
  count: keyof UsageCounts;
  priceKey: string;
  usageKey: string;
}

export interface CatalogPrice {
  input: TokenPrice | undefined;
  output: TokenPrice | undefined;
  cacheRead: TokenPrice | undefined;
  cacheWrite: TokenPrice | undefined;
  /** USD per call, for models priced per request as well. */
  perRequest: number;
  /** Counts this model prices on their own: when non-zero, the catalog computes the call. */
  separatelyPriced: readonly SeparateUsage[];
  /** The catalog entry, for the calls the catalog computes; undefined for self-hosted. */
  catalog: { providerId: string; model: string; modelPrice: ModelPrice } | undefined;
  /** Epoch ms when the catalog's price for this model may change (a dated or time-of-day price). */
  expiresAt: number;
}

/** The price of one token of a component, given the call's total prompt tokens. */
export function tokenPriceAt(price: TokenPrice | undefined, promptTokens: number): number | undefined {
  if (price === undefined || typeof price === 'number') return price;
  let current = price.base;
  for (const tier of price.tiers) {
    if (promptTokens > tier.start) current = tier.price;
  }
  return current;
}
