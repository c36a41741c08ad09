// The key lookup the authenticate hook uses (createIdentityStore over a real SQLite store),
// taken through a store outage by closing the store. Figures held: 10 concurrent misses
// for one key cost 1 store read; an expired entry is served while the store is closed and
// keeps its expiry (reloaded as soon as the store answers); an unknown key and an entry past
// key_cache_stale_seconds get 503 with retry-after; a hung store counts as down after the
// load timeout.

import * as assert from 'node:assert/strict';
import { ServiceUnavailableError } from 'llmux';
import { afterEach, beforeEach, describe, it } from 'node:test';
import type { KeyRecord } from '../src/governance/identity.js';
import { KeyCache } from '../src/governance/key-cache.js';
import { createIdentityStore, loadIdentity } from '../src/governance/load-identity.js';
import { createStore, type KyselyStore } from '../src/store/index.js';
import type { Store } from '../src/store/store.js';
import { keyRecord } from './helpers/key-record.js';
import { sqliteBackend, type Backend } from './helpers/store-backends.js';

const TTL_MS = 60_000;

/** The real store, with its key reads counted (and optionally never answered). */
function countingStore(store: Store, state: { reads: number; hang: boolean }): Store {
  return new Proxy(store, {
    get(target, property) {
      if (property === 'findKeyByToken') {
        return (token: string) => {
          state.reads += 1;
          return state.hang ? new Promise<never>(() => undefined) : target.findKeyByToken(token);
        };
      }
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}

/** What the authenticate hook does on a cache miss. */
async function authenticate(view: Store, cache: KeyCache, token: string): Promise<KeyRecord | undefined> {
  const key = await view.findKeyByToken(token);
  if (key === undefined) return undefined;
  cache.set(token, await loadIdentity(view, key));
  return key;
}

describe('key lookups through a store outage', () => {
  let backend: Backend;
  let store: KyselyStore;
  let now: number;
  let cache: KeyCache;
  let counted: { reads: number; hang: boolean };
  let view: Store;

  beforeEach(async () => {
    backend = sqliteBackend();
    store = createStore(backend.options);
    await store.migrate();
    await store.insertKey(keyRecord('known'));
    now = Date.now();
    cache = new KeyCache({ ttlMs: TTL_MS, maxStaleMs: 10 * TTL_MS, now: () => now });
    counted = { reads: 0, hang: false };
    view = createIdentityStore(countingStore(store, counted), { cache, loadTimeoutMs: 100, retryAfterSeconds: 7 });
  });
  afterEach(async () => {
    await store.close().catch(() => undefined);
    await backend.cleanup();
  });

  it('shares one store read among concurrent misses for one key', async () => {
    const keys = await Promise.all(Array.from({ length: 10 }, () => authenticate(view, cache, 'known')));
    assert.equal(counted.reads, 1);
    assert.ok(keys.every((key) => key === keys[0] && key?.token === 'known'));
    assert.equal(cache.get('known')?.key?.token, 'known');
  });

  it('evicts the least recently used key when full, not the oldest', async () => {
    const small = new KeyCache({ maxEntries: 2, ttlMs: TTL_MS, now: () => now });
    const key = await view.findKeyByToken('known');
    assert.ok(key !== undefined);
    const identity = await loadIdentity(view, key);
    small.set('first', identity);
    small.set('second', identity);
    assert.equal(small.get('first'), identity, 'first is read, so second is now the least recently used');
    small.set('third', identity);
    assert.equal(small.size, 2);
    assert.equal(small.get('first'), identity);
    assert.equal(small.get('second'), undefined);
    assert.equal(small.get('third'), identity);
  });

  it('serves an expired entry while the store is down, without renewing it', async () => {
    await authenticate(view, cache, 'known');
    await store.close();
    now += TTL_MS + 1;
    assert.equal(cache.get('known'), undefined);
    const key = await authenticate(view, cache, 'known');
    assert.equal(key?.token, 'known');
    assert.equal(cache.staleServed, 1);
    // Still expired: the next request tries the store again first.
    assert.equal(cache.get('known'), undefined);
  });

  it('answers 503 with retry-after for a key it cannot check, and past the staleness bound', async () => {
    await authenticate(view, cache, 'known');
    await store.close();
    const isUnavailable = (error: unknown): boolean => {
      assert.ok(error instanceof ServiceUnavailableError);
      assert.equal(error.status, 503);
      assert.equal(error.retryAfterSeconds, 7);
      return true;
    };
    await assert.rejects(authenticate(view, cache, 'never-seen'), isUnavailable);
    now += TTL_MS + 10 * TTL_MS + 1;
    await assert.rejects(authenticate(view, cache, 'known'), isUnavailable);
  });

  it('treats a store that does not answer within the load timeout as down', async () => {
    await authenticate(view, cache, 'known');
    counted.hang = true;
    now += TTL_MS + 1;
    const key = await authenticate(view, cache, 'known');
    assert.equal(key?.token, 'known');
    assert.equal(cache.staleServed, 1);
  });

  it('drops the cached copy of a key the store no longer has', async () => {
    await authenticate(view, cache, 'known');
    await store.deleteKeys(['known']);
    now += TTL_MS + 1;
    assert.equal(await authenticate(view, cache, 'known'), undefined);
    await store.close();
    // Deleted before the outage: never served again, even as a stale copy.
    await assert.rejects(authenticate(view, cache, 'known'), ServiceUnavailableError);
  });
});
