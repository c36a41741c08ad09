// Builds the Identity of a virtual key from the store: the key, its user and its team.
// The role is the user's (LiteLLM's `user_role`), or internal_user for a key without one.
//
// createIdentityStore gives the authenticate hook a view of the store whose key lookup
// survives a store outage: concurrent misses for one key share one load; a load that fails
// (or outlasts `loadTimeoutMs`) serves the key cache's last known identity; a key never seen
// gets 503 with Retry-After (the store cannot say whether it exists), never a 500.

import { ServiceUnavailableError } from 'llmux';
import { STORE_READ_TIMEOUT_MS, withTimeout } from '../limits/with-timeout.js';
import type { Store } from '../store/store.js';
import { applyBudgetRow } from '../limits/apply-budget-row.js';
import type { Identity, KeyRecord } from './identity.js';
import type { KeyCache } from './key-cache.js';

/** Identities the store view already built for the key records it returned. */
const resolved = new WeakMap<KeyRecord, Identity>();

export async function loadIdentity(store: Store, key: KeyRecord): Promise<Identity> {
  return resolved.get(key) ?? readIdentity(store, key);
}

async function readIdentity(store: Store, key: KeyRecord): Promise<Identity> {
  const [user, team] = await Promise.all([key.user_id === null ? undefined : store.getUser(key.user_id), key.team_id === null ? undefined : store.getTeam(key.team_id)]);
  // The key's budget row's limits join the key's own here, once per cache load.
  const identity: Identity = { kind: 'key', role: user?.user_role ?? 'internal_user', key: await applyBudgetRow(store, key) };
  if (user !== undefined) identity.user = user;
  if (team !== undefined) identity.team = team;
  return identity;
}

export interface IdentityStoreOptions {
  cache: KeyCache;
  /** A load slower than this counts as the store not answering (default 3 s). */
  loadTimeoutMs?: number;
  /** Sent with the 503 for a key the store could not look up (default 5 s). */
  retryAfterSeconds?: number;
  /** Called when a stale identity is served (for a throttled log line). */
  onStale?: (error: unknown) => void;
}

export function createIdentityStore(store: Store, options: IdentityStoreOptions): Store {
  const loading = new Map<string, Promise<KeyRecord | undefined>>();
  const findKeyByToken = (token: string): Promise<KeyRecord | undefined> => {
    let pending = loading.get(token);
    if (pending === undefined) {
      pending = resolveKey(store, token, options).finally(() => loading.delete(token));
      loading.set(token, pending);
    }
    return pending;
  };
  // Only the key lookup differs; the hook reaches nothing else through this view.
  return new Proxy(store, {
    get(target, property) {
      if (property === 'findKeyByToken') return findKeyByToken;
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}

async function resolveKey(store: Store, token: string, options: IdentityStoreOptions): Promise<KeyRecord | undefined> {
  let identity: Identity | undefined;
  try {
    identity = await withTimeout(loadByToken(store, token), options.loadTimeoutMs ?? STORE_READ_TIMEOUT_MS);
  } catch (error) {
    const stale = options.cache.stale(token);
    if (stale?.key !== undefined) {
      options.cache.staleServed += 1;
      options.onStale?.(error);
      resolved.set(stale.key, stale);
      return stale.key;
    }
    throw new ServiceUnavailableError('The key store is not answering, so this key cannot be checked; try again shortly.', {
      code: 'key_store_unavailable',
      retryAfterSeconds: options.retryAfterSeconds ?? 5,
      cause: error,
    });
  }
  if (identity?.key === undefined) {
    // The store says the key is gone: no stale copy may outlive that.
    options.cache.delete(token);
    return undefined;
  }
  resolved.set(identity.key, identity);
  return identity.key;
}

async function loadByToken(store: Store, token: string): Promise<Identity | undefined> {
  const key = await store.findKeyByToken(token);
  return key === undefined ? undefined : readIdentity(store, key);
}
