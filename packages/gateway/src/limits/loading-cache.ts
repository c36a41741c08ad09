// Records the limiter reads on the request path (customers, a key's per-model spend), cached
// so the store is read at most once per record per TTL. Synchronous on a hit. Concurrent
// misses share one read. A read that fails or hangs (bounded by STORE_READ_TIMEOUT_MS)
// answers with the last known value, or the fallback, so a database outage neither fails
// nor stalls calls. Bounded by lru-cache: the least recently used record goes first.

import { LRUCache } from 'lru-cache';
import { withTimeout } from './with-timeout.js';

export interface LoadingCacheOptions<Value> {
  load: (id: string) => Promise<Value>;
  ttlMs: number;
  maxEntries: number;
  /** Answered when the store fails and nothing is known yet. */
  fallback: Value;
}

interface Entry<Value> {
  value: Value;
  loadedAt: number;
}

export class LoadingCache<Value> {
  // Expiry is checked against the caller's clock (limits run on an injectable clock), so
  // lru-cache only bounds the size; an expired entry stays as the outage fallback.
  private readonly entries: LRUCache<string, Entry<Value>>;
  private readonly loading = new Map<string, Promise<Value>>();

  constructor(private readonly options: LoadingCacheOptions<Value>) {
    this.entries = new LRUCache({ max: options.maxEntries });
  }

  get(id: string, nowMs: number): Value | Promise<Value> {
    const entry = this.entries.get(id);
    if (entry !== undefined && nowMs - entry.loadedAt < this.options.ttlMs) return entry.value;
    let pending = this.loading.get(id);
    if (pending === undefined) {
      pending = withTimeout(this.options.load(id))
        .then(
          (value) => {
            this.entries.set(id, { value, loadedAt: nowMs });
            return value;
          },
          () => (entry === undefined ? this.options.fallback : entry.value),
        )
        .finally(() => this.loading.delete(id));
      this.loading.set(id, pending);
    }
    return pending;
  }

  /** Forget one record (after it changed) or all. */
  invalidate(id?: string): void {
    if (id === undefined) this.entries.clear();
    else this.entries.delete(id);
  }
}
