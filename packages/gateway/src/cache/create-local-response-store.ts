// The in-process store: lru-cache bounded by entries and by bytes (each entry's JSON length),
// least recently used first out, with per-entry TTLs.

import { LRUCache } from 'lru-cache';
import type { CachedEntry, ResponseStore } from './response-store.js';

export function createLocalResponseStore(maxEntries: number, maxBytes: number): ResponseStore {
  const cache = new LRUCache<string, CachedEntry>({
    max: maxEntries,
    maxSize: maxBytes,
    // UTF-16 code units, two bytes each: close enough to the memory a string holds.
    sizeCalculation: (entry, key) => 2 * (entry.json.length + key.length) + 64,
  });
  return {
    type: 'local',
    get: (key) => Promise.resolve(cache.get(key)),
    set(key, entry, ttlSeconds) {
      cache.set(key, entry, ttlSeconds === undefined ? {} : { ttl: ttlSeconds * 1000 });
      return Promise.resolve();
    },
    delete(keys) {
      let removed = 0;
      for (const key of keys) if (cache.delete(key)) removed += 1;
      return Promise.resolve(removed);
    },
    flush() {
      cache.clear();
      return Promise.resolve();
    },
    ping: () => Promise.resolve(),
    close: () => Promise.resolve(),
  };
}
