// The in-process semantic index: per partition, unit vectors in one Float32Array. A lookup
// scans 128-number sketches of every vector (random ±1 projections, whose dot product
// estimates the cosine: within about ±0.02 for the close pairs a hit needs), then compares
// the 16 best in full. Measured (bench/cache-miss.mjs --scan): a full scan of 10,000
// vectors of 1,536 dimensions moves 61 MB per lookup; the sketches move 5 MB. No library:
// hnswlib-node compiles C++ at install (not allowed here), the wasm and pure-JS HNSW
// packages are little used, and a graph would pay off only well past 10^5 entries, with
// deletions and TTLs to handle. Small partitions (up to 1,024 vectors) are scanned in full.
// Bounded: a partition holds at most maxEntries vectors (a ring: the oldest is replaced), and
// partitions are dropped least recently used once all of them hold more than maxEntries.

import { LRUCache } from 'lru-cache';
import type { SemanticIndex } from './semantic-index.js';

const INITIAL_SLOTS = 64;
const SKETCH = 128;
const CANDIDATES = 16;
const FULL_SCAN_UP_TO = 1024;

/** The ±1/√128 projection for vectors of one length, the same for every partition. */
const projections = new Map<number, Float32Array>();

function projectionFor(dimensions: number): Float32Array {
  let projection = projections.get(dimensions);
  if (projection !== undefined) return projection;
  projection = new Float32Array(SKETCH * dimensions);
  const scale = 1 / Math.sqrt(SKETCH);
  // xorshift32 with a fixed seed: the same projection in every process.
  let state = 0x9e3779b9;
  for (let index = 0; index < projection.length; index += 1) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    projection[index] = (state & 1) === 0 ? scale : -scale;
  }
  projections.set(dimensions, projection);
  return projection;
}

function sketchOf(vector: Float32Array, projection: Float32Array, into: Float32Array, offset: number): void {
  const dimensions = vector.length;
  for (let row = 0; row < SKETCH; row += 1) {
    let sum = 0;
    const base = row * dimensions;
    for (let index = 0; index < dimensions; index += 1) sum += (projection[base + index] as number) * (vector[index] as number);
    into[offset + row] = sum;
  }
}

class Partition {
  vectors: Float32Array;
  sketches: Float32Array;
  keys: string[] = [];
  expiresAt: Float64Array;
  count = 0;
  /** Next slot to write once the partition is full (the oldest entry). */
  cursor = 0;
  private readonly projection: Float32Array;

  constructor(
    readonly dimensions: number,
    private capacity: number,
    private readonly maxSlots: number,
  ) {
    this.vectors = new Float32Array(capacity * dimensions);
    this.sketches = new Float32Array(capacity * SKETCH);
    this.expiresAt = new Float64Array(capacity);
    this.projection = projectionFor(dimensions);
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
    sketchOf(vector, this.projection, this.sketches, slot * SKETCH);
    this.keys[slot] = key;
    this.expiresAt[slot] = expiresAt;
  }

  nearest(query: Float32Array, now: number): { key: string; similarity: number } | undefined {
    const candidates = this.count <= FULL_SCAN_UP_TO ? undefined : this.closestSketches(query, now);
    let best = -Infinity;
    let bestSlot = -1;
    const consider = (slot: number): void => {
      if ((this.expiresAt[slot] as number) <= now) return;
      const similarity = dot(this.vectors, slot * this.dimensions, query, this.dimensions);
      if (similarity > best) {
        best = similarity;
        bestSlot = slot;
      }
    };
    if (candidates === undefined) for (let slot = 0; slot < this.count; slot += 1) consider(slot);
    else for (const slot of candidates) consider(slot);
    return bestSlot === -1 ? undefined : { key: this.keys[bestSlot] as string, similarity: best };
  }

  /** The slots of the CANDIDATES largest sketch products, among entries not expired. */
  private closestSketches(query: Float32Array, now: number): number[] {
    const sketch = new Float32Array(SKETCH);
    sketchOf(query, this.projection, sketch, 0);
    const slots: number[] = [];
    const scores: number[] = [];
    for (let slot = 0; slot < this.count; slot += 1) {
      if ((this.expiresAt[slot] as number) <= now) continue;
      const score = dot(this.sketches, slot * SKETCH, sketch, SKETCH);
      if (slots.length === CANDIDATES && score <= (scores[CANDIDATES - 1] as number)) continue;
      // Insertion into the short sorted list (largest first).
      let at = Math.min(slots.length, CANDIDATES - 1);
      while (at > 0 && (scores[at - 1] as number) < score) at -= 1;
      slots.splice(at, 0, slot);
      scores.splice(at, 0, score);
      if (slots.length > CANDIDATES) {
        slots.pop();
        scores.pop();
      }
    }
    return slots;
  }

  private grow(capacity: number): void {
    const vectors = new Float32Array(capacity * this.dimensions);
    vectors.set(this.vectors);
    const sketches = new Float32Array(capacity * SKETCH);
    sketches.set(this.sketches);
    const expiresAt = new Float64Array(capacity);
    expiresAt.set(this.expiresAt);
    this.vectors = vectors;
    this.sketches = sketches;
    this.expiresAt = expiresAt;
    this.capacity = capacity;
  }
}

function dot(values: Float32Array, offset: number, query: Float32Array, length: number): number {
  let sum = 0;
  for (let index = 0; index < length; index += 1) sum += (values[offset + index] as number) * (query[index] as number);
  return sum;
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
