// Ollama `/api/embed` answers with deterministic unit vectors: the same text always gets
// the same vector.

import { fakeTokenCount } from './fake-token-count.js';
import { fakeEmbeddingVector } from './fake-vector.js';

export function createFakeOllamaEmbed(model: string, input: unknown, dimensions: number): Record<string, unknown> | undefined {
  const texts = typeof input === 'string' ? [input] : Array.isArray(input) && input.every((item) => typeof item === 'string') ? (input as string[]) : undefined;
  if (texts === undefined) return undefined;
  const tokens = texts.reduce((sum, text) => sum + fakeTokenCount(text), 0);
  return {
    model,
    embeddings: texts.map((text) => fakeEmbeddingVector(text, dimensions)),
    total_duration: 14_143_917,
    load_duration: 1_019_500,
    prompt_eval_count: tokens,
  };
}
