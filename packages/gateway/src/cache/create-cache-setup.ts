// Builds the response cache from the config, once: the store, the hooks per operation and
// the admin routes. With no cache configured the operations keep their hooks unchanged.

import type { Logger } from 'pino';
import type { GatewayConfig } from '../config/gateway-config.js';
import { ConfigError } from '../config/config-error.js';
import type { CallHooks } from '../core/hooks.js';
import type { Operation } from '../core/operation.js';
import type { Route } from '../http/route.js';
import { resolveRedisTarget } from '../limits/resolve-redis-options.js';
import { createCacheRoutes } from './create-cache-routes.js';
import { createChatCacheHooks } from './create-chat-cache-hooks.js';
import { createEmbeddingsCacheHook } from './create-embeddings-cache-hooks.js';
import { createLocalResponseStore } from './create-local-response-store.js';
import { createRedisResponseStore } from './create-redis-response-store.js';
import { createResponseCache } from './create-response-cache.js';
import type { CacheSettings } from './parse-cache-settings.js';
import type { ResponseStore } from './response-store.js';

const CACHED_CALL_TYPES: ReadonlySet<string> = new Set(['acompletion', 'aembedding']);

export interface CacheSetup {
  /** An operation's hooks with the cache's added (the same object when it is not cached). */
  hooksFor(operation: Operation, hooks: CallHooks): CallHooks;
  readonly routes: Route[];
  close(): Promise<void>;
}

/** `settings` from parseCacheSettings, read before anything else is built (a refusal then leaks nothing). */
export function createCacheSetup(settings: CacheSettings | undefined, config: GatewayConfig, logger: Logger, env: NodeJS.ProcessEnv = process.env): CacheSetup {
  if (settings === undefined) return { hooksFor: (_operation, hooks) => hooks, routes: createCacheRoutes(undefined), close: () => Promise.resolve() };
  const store = createStore(settings.type, settings.maxEntries, settings.maxBytes, config, env);
  const cache = createResponseCache(settings, store, logger);
  const uncached = [...settings.callTypes].filter((name) => !CACHED_CALL_TYPES.has(name));
  // Said once at start rather than silently: these call types are served without the cache.
  if (uncached.length > 0) logger.warn({ callTypes: uncached }, 'response cache: llmux caches only acompletion and aembedding; these call types are not cached');
  const chat = createChatCacheHooks(cache);
  const embeddings = createEmbeddingsCacheHook(cache);
  return {
    hooksFor(operation, hooks) {
      if (!settings.callTypes.has(operation.names.callType)) return hooks;
      // After access and admission: a hit still needs the caller's right to the model and counts against RPM.
      if (operation.names.name === 'chat') return { pre: [...hooks.pre, chat.pre], post: [...hooks.post, chat.post] };
      if (operation.names.name === 'embeddings') return { pre: [...hooks.pre, embeddings], post: hooks.post };
      return hooks;
    },
    routes: createCacheRoutes(store),
    close: () => store.close(),
  };
}

function createStore(type: 'local' | 'redis', maxEntries: number, maxBytes: number, config: GatewayConfig, env: NodeJS.ProcessEnv): ResponseStore {
  if (type === 'local') return createLocalResponseStore(maxEntries, maxBytes);
  const target = resolveRedisTarget(config, env);
  if (target === undefined) throw new ConfigError('(cache)', ['litellm_settings.cache_params.type "redis" needs REDIS_URL, general_settings.redis_url or cache_params host/port/password']);
  return createRedisResponseStore(target);
}
