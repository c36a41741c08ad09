// Reads LiteLLM's `litellm_settings.cache` and `cache_params` into the response cache's
// settings, once at start. A semantic cache names its embedding model, which must be a
// model_name of the config: a typo refuses the start rather than miss on every call.

import { ConfigError } from '../config/config-error.js';
import type { GatewayConfig } from '../config/gateway-config.js';

type CacheType = 'local' | 'redis' | 'local-semantic' | 'redis-semantic';
type CacheScope = 'global' | 'key' | 'team';

export interface CacheSettings {
  type: CacheType;
  /** Seconds an entry lives unless the request says otherwise (undefined: until evicted). */
  ttlSeconds: number | undefined;
  namespace: string | undefined;
  /** `default_off`: only requests that send `cache: {"use-cache": true}` use the cache. */
  defaultOn: boolean;
  /** LiteLLM call types (`acompletion`, `aembedding`) the cache serves. */
  callTypes: ReadonlySet<string>;
  scope: CacheScope;
  /** The in-process cache's bounds (the semantic index holds at most maxEntries vectors too). */
  maxEntries: number;
  maxBytes: number;
  /** Semantic types only: the model group that embeds prompts, and the cosine similarity a hit needs. */
  semantic: { embeddingModel: string; similarityThreshold: number } | undefined;
}

const DEFAULT_CALL_TYPES = ['acompletion', 'completion', 'aembedding', 'embedding', 'anthropic_messages', 'aresponses', 'responses'];
/** LiteLLM's default for its semantic caches. */
const DEFAULT_SIMILARITY = 0.8;
const DEFAULT_MAX_ENTRIES = 10_000;
const DEFAULT_MAX_MB = 64;
const SOURCE = 'litellm_settings.cache_params';

/** The settings, or undefined when the cache is off (the hooks are then not in the list at all). */
export function parseCacheSettings(config: GatewayConfig): CacheSettings | undefined {
  const settings = config.litellm_settings as Record<string, unknown>;
  if (settings['cache'] !== true) return undefined;
  const raw = settings['cache_params'];
  const params = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const problems: string[] = [];
  const type = parseType(params['type'], problems);
  const ttl = positiveNumber(params['ttl'], 'ttl', problems);
  const mode = params['mode'] ?? 'default_on';
  if (mode !== 'default_on' && mode !== 'default_off') problems.push(`${SOURCE}.mode: "default_on" or "default_off", not ${JSON.stringify(mode)}`);
  const scope = params['scope'] ?? 'global';
  if (scope !== 'global' && scope !== 'key' && scope !== 'team') problems.push(`${SOURCE}.scope: "global", "key" or "team", not ${JSON.stringify(scope)}`);
  const namespace = params['namespace'];
  if (namespace !== undefined && (typeof namespace !== 'string' || namespace === '')) problems.push(`${SOURCE}.namespace: a non-empty string`);
  const callTypes = params['supported_call_types'] ?? DEFAULT_CALL_TYPES;
  if (!Array.isArray(callTypes) || !callTypes.every((item) => typeof item === 'string')) problems.push(`${SOURCE}.supported_call_types: a list of call types`);
  const maxEntries = positiveNumber(params['max_size_in_memory'], 'max_size_in_memory', problems) ?? DEFAULT_MAX_ENTRIES;
  const maxMb = positiveNumber(params['max_memory_mb'], 'max_memory_mb', problems) ?? DEFAULT_MAX_MB;
  const semantic = type === 'local-semantic' || type === 'redis-semantic' ? parseSemantic(params, config, problems) : undefined;
  if (problems.length > 0 || type === undefined) throw new ConfigError('(cache)', problems);
  return {
    type,
    ttlSeconds: ttl,
    namespace: namespace as string | undefined,
    defaultOn: mode === 'default_on',
    // LiteLLM names the sync and async forms (`completion`, `acompletion`); the gateway serves the async one.
    callTypes: new Set((callTypes as string[]).map((name) => (name.startsWith('a') ? name : `a${name}`))),
    scope: scope as CacheScope,
    maxEntries: Math.floor(maxEntries),
    maxBytes: Math.floor(maxMb * 1024 * 1024),
    semantic,
  };
}

function parseSemantic(params: Record<string, unknown>, config: GatewayConfig, problems: string[]): CacheSettings['semantic'] {
  const model = params['redis_semantic_cache_embedding_model'];
  const threshold = params['similarity_threshold'] ?? DEFAULT_SIMILARITY;
  if (typeof threshold !== 'number' || !(threshold > 0 && threshold <= 1)) problems.push(`${SOURCE}.similarity_threshold: a number in (0, 1], not ${JSON.stringify(threshold)}`);
  if (typeof model !== 'string' || model === '') {
    problems.push(`${SOURCE}.redis_semantic_cache_embedding_model: a semantic cache needs the model_name of an embedding model from model_list`);
    return undefined;
  }
  if (!config.model_list.some((deployment) => deployment.model_name === model)) {
    problems.push(`${SOURCE}.redis_semantic_cache_embedding_model: "${model}" is not a model_name in model_list`);
    return undefined;
  }
  return typeof threshold === 'number' ? { embeddingModel: model, similarityThreshold: threshold } : undefined;
}

function parseType(value: unknown, problems: string[]): CacheType | undefined {
  if (value === undefined || value === 'local') return 'local';
  if (value === 'redis' || value === 'local-semantic' || value === 'redis-semantic') return value;
  problems.push(`${SOURCE}.type: "local", "redis", "local-semantic" or "redis-semantic", not ${JSON.stringify(value)}`);
  return undefined;
}

function positiveNumber(value: unknown, name: string, problems: string[]): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'number' && Number.isFinite(value) && value > 0) return value;
  problems.push(`${SOURCE}.${name}: a positive number, not ${JSON.stringify(value)}`);
  return undefined;
}
