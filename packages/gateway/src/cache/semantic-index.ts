// Where a semantic cache keeps its prompt vectors: in process (a flat scan, see
// create-local-semantic-index.ts) or in Redis with vector search (FT.SEARCH KNN). Entries are
// searched only within their partition (scope, namespace, model group and every parameter
// other than the prompt), so a hit never crosses a team, a model or a temperature.

interface SemanticMatch {
  /** The exact-cache key the reply is stored under. */
  key: string;
  /** Cosine similarity with the query, 1 for the same direction. */
  similarity: number;
}

export interface SemanticIndex {
  /** The closest entry of the partition, whatever its similarity (the caller applies the threshold). */
  nearest(partition: string, vector: Float32Array): Promise<SemanticMatch | undefined>;
  add(partition: string, key: string, vector: Float32Array, ttlSeconds: number | undefined): Promise<void>;
  flush(): Promise<void>;
  close(): Promise<void>;
}

/** The vector scaled to length 1 (cosine similarity is then a dot product); undefined for a zero vector. */
export function normalizeVector(values: ArrayLike<number>): Float32Array | undefined {
  let norm = 0;
  for (let index = 0; index < values.length; index += 1) norm += (values[index] as number) ** 2;
  if (!(norm > 0) || !Number.isFinite(norm)) return undefined;
  const scale = 1 / Math.sqrt(norm);
  const vector = new Float32Array(values.length);
  for (let index = 0; index < values.length; index += 1) vector[index] = (values[index] as number) * scale;
  return vector;
}
