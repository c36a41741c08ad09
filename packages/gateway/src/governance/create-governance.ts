// Builds the governance side of a gateway: the store (SQLite under the llmux home by
// default, PostgreSQL with a database URL), the key cache with its cross-instance
// invalidation, the authentication hook and the management routes. start() migrates and
// loads the deployments added through the API; nothing connects before it.

import type { Router } from 'llmux';
import type { Logger } from 'pino';
import { createAuditLog } from '../audit/audit-log.js';
import type { GatewayConfig } from '../config/gateway-config.js';
import type { Route } from '../http/route.js';
import { resolveRedisTarget } from '../limits/resolve-redis-options.js';
import { throttleCalls } from '../limits/throttle-calls.js';
import { createManagementRoutes } from '../management/create-management-routes.js';
import { loadStoredModels } from '../management/model-routes.js';
import { createStore, DEFAULT_HOME } from '../store/create-store.js';
import type { Store } from '../store/store.js';
import { createAuthenticateHook } from './authenticate.js';
import { KeyCache, type KeyCacheOptions } from './key-cache.js';
import { createKeyInvalidation, type KeyInvalidation } from './key-invalidation.js';
import { createIdentityStore } from './load-identity.js';
import type { PreHook } from './pre-hook.js';

export interface GovernanceOptions {
  config: GatewayConfig;
  logger: Logger;
  router: Router;
  /** A store the caller owns (and closes); else one is built from the config. */
  store?: Store;
  env?: NodeJS.ProcessEnv;
}

export interface Governance {
  readonly store: Store;
  /** Absent without a master key: then nothing is authenticated. */
  readonly authHook: PreHook | undefined;
  readonly routes: Route[];
  readonly cache: KeyCache;
  readonly invalidation: KeyInvalidation;
  start(): Promise<void>;
  close(): Promise<void>;
}

export function createGovernance(options: GovernanceOptions): Governance {
  const { config, logger, router } = options;
  const env = options.env ?? process.env;
  const ownsStore = options.store === undefined;
  const store = options.store ?? createStore({ databaseUrl: databaseUrlOf(config, env), home: env['LLMUX_HOME'] ?? DEFAULT_HOME });
  const cache = new KeyCache(keyCacheOptions(config));
  const invalidation = createKeyInvalidation(cache, resolveRedisTarget(config, env), logger);
  const masterKey = config.general_settings.master_key;
  // Key lookups that survive a store outage: shared loads, stale identities, 503 for unknown keys.
  const identityStore = createIdentityStore(store, {
    cache,
    onStale: throttleCalls((error) => logger.warn({ err: error }, 'key store unreachable: serving cached keys past their TTL')),
  });
  const authHook = masterKey !== undefined && masterKey !== '' ? createAuthenticateHook({ masterKey, store: identityStore, cache }) : undefined;
  const audit = createAuditLog(store);
  return {
    store,
    authHook,
    cache,
    invalidation,
    routes: createManagementRoutes({
      store,
      invalidation,
      audit,
      router,
      newTeamDefaults: config.litellm_settings.default_team_params,
      newUserDefaults: config.litellm_settings.default_internal_user_params,
    }),
    async start() {
      try {
        await store.migrate();
      } catch (error) {
        throw new Error(`llmux: cannot prepare the database: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
      }
      await loadStoredModels(store, router);
      await invalidation.ready();
    },
    async close() {
      await invalidation.close();
      if (ownsStore) await store.close();
    },
  };
}

function databaseUrlOf(config: GatewayConfig, env: NodeJS.ProcessEnv): string | undefined {
  const configured = config.general_settings['database_url'];
  if (typeof configured === 'string' && configured !== '') return configured;
  const fromEnv = env['DATABASE_URL'];
  return fromEnv === undefined || fromEnv === '' ? undefined : fromEnv;
}

/**
 * `user_api_key_cache_ttl` (LiteLLM's name, seconds; default 60) bounds how long a change made
 * on another instance without Redis takes to be seen. `key_cache_stale_seconds` bounds how long
 * past that a cached key is still served while the store cannot answer; the default is no
 * bound, because during an outage nothing can revoke a key anyway (management writes fail
 * too), and any bound would turn a long database outage into a full outage once it passed.
 */
function keyCacheOptions(config: GatewayConfig): KeyCacheOptions {
  const options: KeyCacheOptions = {};
  const ttl = secondsSetting(config, 'user_api_key_cache_ttl');
  const stale = secondsSetting(config, 'key_cache_stale_seconds');
  if (ttl !== undefined) options.ttlMs = ttl * 1000;
  if (stale !== undefined) options.maxStaleMs = stale * 1000;
  return options;
}

function secondsSetting(config: GatewayConfig, name: string): number | undefined {
  const value = config.general_settings[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new Error(`llmux: general_settings.${name} must be a number of seconds (0 or more), got ${JSON.stringify(value)}`);
  }
  return value;
}
