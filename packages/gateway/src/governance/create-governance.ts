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
import { createManagementRoutes } from '../management/create-management-routes.js';
import { loadStoredModels } from '../management/model-routes.js';
import { createStore, DEFAULT_HOME } from '../store/create-store.js';
import type { Store } from '../store/store.js';
import { createAuthenticateHook } from './authenticate.js';
import { KeyCache } from './key-cache.js';
import { createKeyInvalidation, type KeyInvalidation } from './key-invalidation.js';
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
  const cache = new KeyCache();
  const invalidation = createKeyInvalidation(cache, resolveRedisTarget(config, env), logger);
  const masterKey = config.general_settings.master_key;
  const authHook = masterKey !== undefined && masterKey !== '' ? createAuthenticateHook({ masterKey, store, cache }) : undefined;
  const audit = createAuditLog(store);
  return {
    store,
    authHook,
    cache,
    invalidation,
    routes: createManagementRoutes({ store, invalidation, audit, router }),
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
