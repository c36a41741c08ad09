// Where cached replies live: in process (LRU, bounded) or in Redis (shared by instances).
// A store that fails answers a miss and logs it: the cache never fails a call.

export interface CachedEntry {
  /** Epoch ms when it was stored (for `s-maxage`). */
  storedAt: number;
  /** The reply's JSON text. */
  json: string;
}

export interface ResponseStore {
  readonly type: 'local' | 'redis';
  get(key: string): Promise<CachedEntry | undefined>;
  /** `ttlSeconds` undefined: kept until evicted. */
  set(key: string, entry: CachedEntry, ttlSeconds: number | undefined): Promise<void>;
  delete(keys: readonly string[]): Promise<number>;
  /** Removes every entry of this cache (only its own keys in a shared Redis). */
  flush(): Promise<void>;
  /** Throws when the store cannot be reached. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
