// The response cache as the hooks see it: the store, the settings, and the steps every
// cached operation shares (read the request's controls, take the `cache` object out of
// the body, scope and namespace the key). A store failure is a miss and a log line.

import type { Logger } from 'pino';
import type { CallState } from '../core/operation.js';
import type { Identity } from '../governance/identity.js';
import { readCacheControls, type CacheControls } from './read-cache-controls.js';
import type { CacheSettings } from './parse-cache-settings.js';
import type { CachedEntry, ResponseStore } from './response-store.js';

const WARN_INTERVAL_MS = 10_000;

export interface CachedCall {
  /** The body without its `cache` controls (they never reach the provider). */
  body: Record<string, unknown>;
  controls: CacheControls;
  scopeId: string | undefined;
  namespace: string | undefined;
  ttlSeconds: number | undefined;
}

export interface ResponseCache {
  readonly settings: CacheSettings;
  readonly store: ResponseStore;
  /** The call's cache view, or undefined when this call does not use the cache (`default_off`). */
  prepare(state: CallState): CachedCall | undefined;
  /** A fresh entry, or undefined (absent, older than `s-maxage`, or the store failed). */
  lookup(key: string, call: CachedCall): Promise<CachedEntry | undefined>;
  /** Stores off the request's path; a failure is logged. */
  save(key: string, json: string, call: CachedCall): void;
}

export function createResponseCache(settings: CacheSettings, store: ResponseStore, logger: Logger): ResponseCache {
  // While Redis is down every request fails its lookup: one line per interval, with the count.
  let lastWarnedAt = 0;
  let suppressed = 0;
  const warn = (action: string, error: unknown): void => {
    const now = Date.now();
    if (now - lastWarnedAt < WARN_INTERVAL_MS) {
      suppressed += 1;
      return;
    }
    lastWarnedAt = now;
    const failures = suppressed + 1;
    suppressed = 0;
    logger.warn({ cacheType: store.type, failures, err: error instanceof Error ? error.message : String(error) }, `response cache ${action} failed: served as a miss`);
  };
  return {
    settings,
    store,
    prepare(state) {
      const controls = readCacheControls(state.body);
      let body = state.body;
      if ('cache' in body) {
        const { cache: _controls, ...rest } = body;
        body = rest;
        state.body = rest;
      }
      if (!(controls.useCache ?? settings.defaultOn)) return undefined;
      return {
        body,
        controls,
        scopeId: scopeIdOf(settings, state.context.identity),
        namespace: controls.namespace ?? settings.namespace,
        ttlSeconds: controls.ttlSeconds ?? settings.ttlSeconds,
      };
    },
    async lookup(key, call) {
      let entry: CachedEntry | undefined;
      try {
        entry = await store.get(key);
      } catch (error) {
        warn('lookup', error);
        return undefined;
      }
      const maxAge = call.controls.maxAgeSeconds;
      if (entry === undefined || (maxAge !== undefined && Date.now() - entry.storedAt > maxAge * 1000)) return undefined;
      return entry;
    },
    save(key, json, call) {
      // `ttl: 0` asks for nothing to be kept.
      if (call.ttlSeconds === 0) return;
      store.set(key, { storedAt: Date.now(), json }, call.ttlSeconds).catch((error: unknown) => warn('store', error));
    },
  };
}

function scopeIdOf(settings: CacheSettings, identity: Identity | undefined): string | undefined {
  switch (settings.scope) {
    case 'global':
      return undefined;
    case 'key':
      return `key:${identity?.key?.token ?? identity?.kind ?? 'anonymous'}`;
    case 'team':
      return `team:${identity?.team?.team_id ?? identity?.key?.team_id ?? 'none'}`;
    default: {
      const unknownScope: never = settings.scope;
      throw new Error(`unknown cache scope ${String(unknownScope)}`);
    }
  }
}
