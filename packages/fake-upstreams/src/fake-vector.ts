// Deterministic embedding vectors for every fake upstream: the same text always gets the
// same unit vector, so tests can compare results across calls, processes and providers.

export function fakeEmbeddingVector(text: string, dimensions: number): number[] {
  // FNV-1a seeds a small linear congruential generator: cheap, stable, dependency-free.
  let state = 0x811c9dc5;
  for (let index = 0; index < text.length; index += 1) {
    state ^= text.charCodeAt(index);
    state = Math.imul(state, 0x01000193) >>> 0;
  }
  const values: number[] = [];
  let norm = 0;
  for (let index = 0; index < dimensions; index += 1) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    const value = state / 0xffffffff - 0.5;
    values.push(value);
    norm += value * value;
  }
  const scale = norm === 0 ? 0 : 1 / Math.sqrt(norm);
  // Rounded through float32, so base64 float32 encodings decode to the same numbers.
  return values.map((value) => Math.fround(value * scale));
}
