// Resolves a (provider, model) pair to its catalog prices once, and caches the result in a
// bounded map: the catalog's own lookup (~9µs measured: model matching, unit decomposition) is
// too slow to repeat on every request of the gateway's hot path.

import { calcPrice, type ModelInfo, type ModelPrice } from '@pydantic/genai-prices';
import type { CatalogPrice, SeparateUsage, TokenPrice } from './catalog-price.js';
import { toCatalogReference } from './catalog-provider-ids.js';

const MAX_CACHED_MODELS = 4096;
const TOKENS_PER_MTOK = 1e6;
const REQUESTS_PER_KCOUNT = 1e3;
const MINUTE_MS = 60_000;

/** Usage llmux reports that some models price apart from plain input/output tokens. */
const SEPARATE_USAGE: readonly SeparateUsage[] = [
  { count: 'inputAudio', priceKey: 'input_audio_mtok', usageKey: 'input_audio_tokens' },
  { count: 'outputAudio', priceKey: 'output_audio_mtok', usageKey: 'output_audio_tokens' },
  { count: 'reasoning', priceKey: 'output_reasoning_mtok', usageKey: 'output_reasoning_tokens' },
];

const SELF_HOSTED_PRICE: CatalogPrice = {
  input: 0,
  output: 0,
  cacheRead: undefined,
  cacheWrite: undefined,
  perRequest: 0,
  separatelyPriced: [],
  catalog: undefined,
  expiresAt: Number.POSITIVE_INFINITY,
};

// provider → model → price. Nested maps spare building a key string on every call.
const cache = new Map<string, Map<string, CatalogPrice | null>>();
let cachedModels = 0;

/** The model's prices, or null when the catalog does not know it. */
export function resolveCatalogPrice(provider: string, model: string): CatalogPrice | null {
  let models = cache.get(provider);
  const cached = models?.get(model);
  if (cached !== undefined) {
    if (cached === null || cached.expiresAt === Number.POSITIVE_INFINITY || cached.expiresAt > Date.now()) return cached;
  }
  const resolved = lookUp(provider, model, Date.now());
  if (cached === undefined) {
    // Model ids in use are few; the bound only stops a flood of made-up names from growing
    // memory, so dropping everything when it is reached is simpler than tracking age.
    if (cachedModels >= MAX_CACHED_MODELS) clearPriceCache();
    cachedModels += 1;
  }
  if (models === undefined || !cache.has(provider)) {
    models = new Map();
    cache.set(provider, models);
  }
  models.set(model, resolved);
  return resolved;
}

/** Forgets every resolved price, e.g. after the catalog's data was updated. */
export function clearPriceCache(): void {
  cache.clear();
  cachedModels = 0;
}

function lookUp(provider: string, model: string, now: number): CatalogPrice | null {
  const reference = toCatalogReference(provider, model);
  if (reference === 'self-hosted') return SELF_HOSTED_PRICE;
  let result: ReturnType<typeof calcPrice>;
  try {
    result = calcPrice({}, reference.model, {
      providerId: reference.providerId,
      timestamp: new Date(now),
    });
  } catch {
    // A malformed catalog entry prices nothing rather than failing the caller's request.
    return null;
  }
  if (result === null) return null;
  const prices = result.model_price;
  return {
    input: tokenPrice(prices.input_mtok),
    output: tokenPrice(prices.output_mtok),
    cacheRead: tokenPrice(prices.cache_read_mtok),
    cacheWrite: tokenPrice(prices.cache_write_mtok),
    perRequest: perRequest(prices.requests_kcount),
    separatelyPriced: SEPARATE_USAGE.filter((usage) => prices[usage.priceKey] !== undefined),
    catalog: { providerId: result.provider.id, model: reference.model, modelPrice: prices },
    expiresAt: priceExpiry(result.model, now),
  };
}

function tokenPrice(value: ModelPrice[string]): TokenPrice | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'number') return value / TOKENS_PER_MTOK;
  return {
    base: value.base / TOKENS_PER_MTOK,
    tiers: [...value.tiers].sort((a, b) => a.start - b.start).map((tier) => ({ start: tier.start, price: tier.price / TOKENS_PER_MTOK })),
  };
}

function perRequest(value: ModelPrice[string]): number {
  // A tiered per-request price has no meaning; the catalog has none.
  return typeof value === 'number' ? value / REQUESTS_PER_KCOUNT : 0;
}

/**
 * When the catalog may pick other prices for this model: its next dated price, or for
 * time-of-day prices (off-peak discounts) the next whole minute, since the catalog's
 * windows start and end on whole minutes and re-resolving once a minute costs nothing.
 */
function priceExpiry(model: ModelInfo, now: number): number {
  if (!Array.isArray(model.prices)) return Number.POSITIVE_INFINITY;
  let expiry = Number.POSITIVE_INFINITY;
  for (const conditional of model.prices) {
    const constraint = conditional.constraint;
    if (constraint === undefined) continue;
    if (constraint.type === 'start_date') {
      const start = Date.parse(constraint.start_date);
      if (start > now) expiry = Math.min(expiry, start);
    } else {
      expiry = Math.min(expiry, (Math.floor(now / MINUTE_MS) + 1) * MINUTE_MS);
    }
  }
  return expiry;
}
