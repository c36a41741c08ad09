// The in-process semantic index: per partition, unit vectors in one Float32Array scanned in
// full for the largest dot product. Measured on this machine (bench/cache-semantic-scan.mjs):
// 10,000 vectors of 1,536 dimensions scan in a few milliseconds, less than the embedding call
// every lookup makes anyway, exact, with no build step, no native code and O(1) inserts; an
// HNSW graph (hnswlib-node compiles C++ at install) would pay off only well past 10^5 entries.
// Bounded: a partition holds at most maxEntries vectors (a ring: the oldest is replaced), and
// partitions are dropped least recently used once all of them hold more than maxEntries.

import { LRUCache } from 'lru-cache';
import type { SemanticIndex } from './semantic-index.js';

const INITIAL_SLOTS = 64;

class Partition {
  vectors: Float32Array;
  keys: string[] = [];
  expiresAt: Float64Array;
  count = 0;
  /** Next slot to write once the partition is full (the oldest entry). */
  cursor = 0;

  constructor(
    readonly dimensions: number,
    private capacity: number,
    private readonly maxSlots: number,
  ) {
    this.vectors = new Float32Array(capacity * dimensions);
    this.expiresAt = new Float64Array(capacity);
  }

  get slots(): number {
    return this.capacity;
  }

  add(key: string, vector: Float32Array, expiresAt: number): void {
    let slot: number;
    if (this.count < this.capacity) slot = this.count++;
    else if (this.capacity < this.maxSlots) {
      this.grow(Math.min(this.capacity * 2, this.maxSlots));
      slot = this.count++;
    } else {
      slot = this.cursor;
      this.cursor = (this.cursor + 1) % this.capacity;
    }
    this.vectors.set(vector, slot * this.dimensions);
    this.keys[slot] = key;
    this.expiresAt[slot] = expiresAt;
  }

  nearest(query: Float32Array, now: number): { key: string; similarity: number } | undefined {
    const { vectors, dimensions } = this;
    let best = -Infinity;
    let bestSlot = -1;
    for (let slot = 0; slot < this.count; slot += 1) {
      if (this.expiresAt[slot] as number <= now) continue;
      let dot = 0;
      const offset = slot * dimensions;
      for (let index = 0; index < dimensions; index += 1) dot += (vectors[offset + index] as number) * (query[index] as number);
      if (dot > best) {
        best = dot;
        bestSlot = slot;
      }
    }
    return bestSlot === -1 ? undefined : { key: this.keys[bestSlot] as string, similarity: best };
  }

  private grow(capacity: number): void {
    const vectors = new Float32Array(capacity * this.dimensions);
    vectors.set(this.vectors);
    const expiresAt = new Float64Array(capacity);
    expiresAt.set(this.expiresAt);
    this.vectors = vectors;
    this.expiresAt = expiresAt;
    this.capacity = capacity;
  }
}

export function createLocalSemanticIndex(maxEntries: number): SemanticIndex {
  const partitions = new LRUCache<string, Partition>({ max: maxEntries, maxSize: maxEntries, sizeCalculation: (partition) => partition.slots });
  return {
    nearest(partition, vector) {
      const found = partitions.get(partition);
      // Another embedding model (a config change) gives vectors of another length: no match.
      if (found === undefined || found.dimensions !== vector.length) return Promise.resolve(undefined);
      return Promise.resolve(found.nearest(vector, Date.now()));
    },
    add(partition, key, vector, ttlSeconds) {
      let found = partitions.get(partition);
      if (found === undefined || found.dimensions !== vector.length) found = new Partition(vector.length, Math.min(INITIAL_SLOTS, maxEntries), maxEntries);
      found.add(key, vector, ttlSeconds === undefined ? Infinity : Date.now() + ttlSeconds * 1000);
      // Set again so the LRU sees the partition's current size.
      partitions.set(partition, found);
      return Promise.resolve();
    },
    flush() {
      partitions.clear();
      return Promise.resolve();
    },
    close: () => Promise.resolve(),
  };
}
