// Verified identities by key hash, so a known key costs one lookup and no database round
// trip. Bounded by lru-cache (the least recently used key goes first) and with a TTL, so a change another
// process made without telling us (no Redis) is seen within `ttlMs`. An expired entry is
// kept as a fallback: when the store cannot answer the reload, the last known identity is
// served (stale is better than down) for up to `maxStaleMs` past its expiry.

import { LRUCache } from 'lru-cache';
import type { Identity } from './identity.js';

export interface KeyCacheOptions {
  maxEntries?: number;
  ttlMs?: number;
  /** How long past its TTL an entry may be served while the store is unreachable (default: no limit). */
  maxStaleMs?: number;
  now?: () => number;
}

interface Entry {
  identity: Identity;
  expiresAt: number;
}

export class KeyCache {
  // The TTL is kept per entry rather than by lru-cache: an expired entry must stay readable
  // as the outage fallback (stale()), and expireAll() marks every entry for reload at once.
  private readonly entries: LRUCache<string, Entry>;
  private readonly ttlMs: number;
  private readonly maxStaleMs: number;
  private readonly now: () => number;
  /** Loads answered from an expired entry because the store could not reload it. */
  staleServed = 0;

  constructor(options: KeyCacheOptions = {}) {
    this.entries = new LRUCache({ max: options.maxEntries ?? 10_000 });
    this.ttlMs = options.ttlMs ?? 60_000;
    this.maxStaleMs = options.maxStaleMs ?? Number.POSITIVE_INFINITY;
    this.now = options.now ?? Date.now;
  }

  /** A fresh entry, or undefined (then the caller reloads it from the store). */
  get(token: string): Identity | undefined {
    const entry = this.entries.get(token);
    if (entry === undefined || entry.expiresAt <= this.now()) return undefined;
    return entry.identity;
  }

  /** The last known identity, expired or not, while within the staleness bound. */
  stale(token: string): Identity | undefined {
    const entry = this.entries.peek(token);
    if (entry === undefined) return undefined;
    if (this.now() - entry.expiresAt > this.maxStaleMs) {
      this.entries.delete(token);
      return undefined;
    }
    return entry.identity;
  }

  /**
   * Caches a loaded identity. Setting the identity already cached (a stale one served during
   * an outage) keeps its expiry, so it is reloaded as soon as the store answers again.
   */
  set(token: string, identity: Identity): void {
    const existing = this.entries.peek(token);
    if (existing?.identity === identity) return;
    this.entries.set(token, { identity, expiresAt: this.now() + this.ttlMs });
  }

  delete(token: string): void {
    this.entries.delete(token);
  }

  clear(): void {
    this.entries.clear();
  }

  /**
   * Marks every entry for reload without forgetting it (invalidation messages may have been
   * missed), so each stays available as a stale fallback should the store be down too.
   */
  expireAll(): void {
    const past = this.now() - 1;
    for (const entry of this.entries.values()) entry.expiresAt = Math.min(entry.expiresAt, past);
  }

  get size(): number {
    return this.entries.size;
  }
}
