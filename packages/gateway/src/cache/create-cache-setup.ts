// Builds the response cache from the config, once: the store, the semantic index when the
// type is semantic, the hooks per operation and the admin routes. With no cache configured
// the operations keep their hooks unchanged.

import type { Logger } from 'pino';
import type { GatewayConfig } from '../config/gateway-config.js';
import { ConfigError } from '../config/config-error.js';
import type { CallHooks, PostCallHook, PreCallHook } from '../core/hooks.js';
import type { Operation } from '../core/operation.js';
import type { Route } from '../http/route.js';
import { resolveRedisTarget, type RedisTarget } from '../limits/resolve-redis-options.js';
import { anthropicCachedDialect } from './anthropic-cached-dialect.js';
import { checkCacheControlsHook } from './check-allowed-cache-controls.js';
import { createCacheRoutes } from './create-cache-routes.js';
import { createChatCacheHooks } from './create-chat-cache-hooks.js';
import { createDialectCacheHooks } from './create-dialect-cache-hooks.js';
import { createEmbeddingsCacheHook } from './create-embeddings-cache-hooks.js';
import { createLocalResponseStore } from './create-local-response-store.js';
import { createLocalSemanticIndex } from './create-local-semantic-index.js';
import { createRedisResponseStore } from './create-redis-response-store.js';
import { createRedisSemanticIndex } from './create-redis-semantic-index.js';
import { createResponseCache, type SemanticParts } from './create-response-cache.js';
import { createPromptEmbedder } from './embed-cache-prompt.js';
import type { CacheSettings } from './parse-cache-settings.js';
import { responsesCachedDialect } from './responses-cached-dialect.js';
import type { ResponseStore } from './response-store.js';
import type { SemanticIndex } from './semantic-index.js';

/** LiteLLM call types the cache serves, by the operation that serves them. */
const CACHED_CALL_TYPES: ReadonlySet<string> = new Set(['acompletion', 'aembedding', 'anthropic_messages', 'aresponses']);

export interface CacheSetup {
  /** An operation's hooks with the cache's added (the same object when it is not cached). */
  hooksFor(operation: Operation, hooks: CallHooks): CallHooks;
  readonly routes: Route[];
  /** Before serving: a `redis-semantic` cache checks that its Redis has vector search. */
  start(): Promise<void>;
  close(): Promise<void>;
}

/** `settings` from parseCacheSettings, read before anything else is built (a refusal then leaks nothing). */
export function createCacheSetup(settings: CacheSettings | undefined, config: GatewayConfig, logger: Logger, env: NodeJS.ProcessEnv = process.env): CacheSetup {
  if (settings === undefined)
    return { hooksFor: (_operation, hooks) => hooks, routes: createCacheRoutes(undefined), start: () => Promise.resolve(), close: () => Promise.resolve() };
  const redisTarget = settings.type === 'redis' || settings.type === 'redis-semantic' ? requireRedis(config, env) : undefined;
  const exact = redisTarget === undefined ? createLocalResponseStore(settings.maxEntries, settings.maxBytes) : createRedisResponseStore(redisTarget);
  const redisIndex = settings.type === 'redis-semantic' && redisTarget !== undefined ? createRedisSemanticIndex(redisTarget) : undefined;
  const index = settings.type === 'local-semantic' ? createLocalSemanticIndex(settings.maxEntries) : redisIndex;
  const semantic: SemanticParts | undefined =
    index === undefined || settings.semantic === undefined
      ? undefined
      : { index, embed: createPromptEmbedder(settings.semantic.embeddingModel), threshold: settings.semantic.similarityThreshold };
  const store = index === undefined ? exact : withIndex(exact, index);
  const cache = createResponseCache(settings, store, logger, semantic);
  const uncached = [...settings.callTypes].filter((name) => !CACHED_CALL_TYPES.has(name));
  // Said once at start rather than silently: these call types are served without the cache.
  if (uncached.length > 0)
    logger.warn({ callTypes: uncached }, 'response cache: llmux caches acompletion, aembedding, anthropic_messages and aresponses; these call types are not cached');
  const byOperation = new Map<string, { pre: PreCallHook; post?: PostCallHook }>([
    ['chat', createChatCacheHooks(cache)],
    ['embeddings', { pre: createEmbeddingsCacheHook(cache) }],
    ['messages', createDialectCacheHooks(cache, anthropicCachedDialect)],
    ['responses', createDialectCacheHooks(cache, responsesCachedDialect)],
  ]);
  return {
    hooksFor(operation, hooks) {
      const cached = byOperation.get(operation.names.name);
      if (cached === undefined || !settings.callTypes.has(operation.names.callType)) return hooks;
      // After access and admission: a hit still needs the caller's right to the model and counts against RPM.
      return { pre: [...hooks.pre, checkCacheControlsHook, cached.pre], post: cached.post === undefined ? hooks.post : [...hooks.post, cached.post] };
    },
    routes: createCacheRoutes(store),
    start: () => redisIndex?.check() ?? Promise.resolve(),
    close: () => store.close(),
  };
}

function requireRedis(config: GatewayConfig, env: NodeJS.ProcessEnv): RedisTarget {
  const target = resolveRedisTarget(config, env);
  if (target === undefined)
    throw new ConfigError('(cache)', [
      'litellm_settings.cache_params.type "redis" and "redis-semantic" need REDIS_URL, general_settings.redis_url or cache_params host/port/password',
    ]);
  return target;
}

/** The exact store, with the index flushed and closed beside it (admin flushall empties both). */
function withIndex(store: ResponseStore, index: SemanticIndex): ResponseStore {
  return {
    ...store,
    get: (key) => store.get(key),
    set: (key, entry, ttl) => store.set(key, entry, ttl),
    delete: (keys) => store.delete(keys),
    ping: () => store.ping(),
    async flush() {
      await store.flush();
      await index.flush();
    },
    async close() {
      await store.close();
      await index.close();
    },
  };
}
