// A request's cache controls, LiteLLM's `cache` object in the body (the openai client's
// `extra_body` lands there too): `no-cache`, `no-store`, `ttl`, `s-maxage`, `namespace`,
// and `use-cache` for a `default_off` cache. A malformed control is refused with a 400.

import { BadRequestError } from 'llmux';

export interface CacheControls {
  noCache: boolean;
  noStore: boolean;
  useCache: boolean | undefined;
  ttlSeconds: number | undefined;
  maxAgeSeconds: number | undefined;
  namespace: string | undefined;
}

const NONE: CacheControls = { noCache: false, noStore: false, useCache: undefined, ttlSeconds: undefined, maxAgeSeconds: undefined, namespace: undefined };
const KNOWN: ReadonlySet<string> = new Set(['no-cache', 'no-store', 'use-cache', 'ttl', 's-maxage', 'namespace']);

export function readCacheControls(body: Readonly<Record<string, unknown>>): CacheControls {
  const raw = body['cache'];
  if (raw === undefined || raw === null) return NONE;
  if (typeof raw !== 'object' || Array.isArray(raw)) throw invalid('"cache" must be an object of cache controls');
  const cache = raw as Record<string, unknown>;
  for (const name of Object.keys(cache)) if (!KNOWN.has(name)) throw invalid(`unknown cache control "${name}" (known: ${[...KNOWN].join(', ')})`);
  const namespace = cache['namespace'];
  if (namespace !== undefined && (typeof namespace !== 'string' || namespace === '')) throw invalid('cache.namespace must be a non-empty string');
  return {
    noCache: flag(cache, 'no-cache'),
    noStore: flag(cache, 'no-store'),
    useCache: cache['use-cache'] === undefined ? undefined : flag(cache, 'use-cache'),
    ttlSeconds: seconds(cache, 'ttl'),
    maxAgeSeconds: seconds(cache, 's-maxage'),
    namespace: namespace as string | undefined,
  };
}

function flag(cache: Record<string, unknown>, name: string): boolean {
  const value = cache[name];
  if (value === undefined) return false;
  if (typeof value !== 'boolean') throw invalid(`cache.${name} must be true or false`);
  return value;
}

function seconds(cache: Record<string, unknown>, name: string): number | undefined {
  const value = cache[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) throw invalid(`cache.${name} must be a number of seconds`);
  return value;
}

function invalid(message: string): BadRequestError {
  return new BadRequestError(message, { param: 'cache', code: 'invalid_cache_control' });
}
