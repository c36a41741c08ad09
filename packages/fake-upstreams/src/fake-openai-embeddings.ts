// OpenAI `/v1/embeddings` answers with deterministic unit vectors: the same input always
// gets the same vector, so tests can compare results across calls and processes.

import { fakeTokenCount } from './fake-token-count.js';
import { fakeEmbeddingVector } from './fake-vector.js';

export interface FakeEmbeddingsRequest {
  model: string;
  input: unknown;
  encoding_format?: unknown;
  dimensions?: unknown;
}

export function createFakeOpenAIEmbeddings(request: FakeEmbeddingsRequest, defaultDimensions: number): unknown {
  const inputs = toInputList(request.input);
  const dimensions = typeof request.dimensions === 'number' && request.dimensions > 0 ? request.dimensions : defaultDimensions;
  // The official client asks for base64 by default and decodes it back to floats.
  const base64 = request.encoding_format === 'base64';
  let tokens = 0;
  const data = inputs.map((input, index) => {
    tokens += typeof input === 'string' ? fakeTokenCount(input) : input.length;
    const vector = fakeEmbeddingVector(typeof input === 'string' ? input : input.join(','), dimensions);
    return {
      object: 'embedding',
      index,
      embedding: base64 ? Buffer.from(Float32Array.from(vector).buffer).toString('base64') : vector,
    };
  });
  return { object: 'list', data, model: request.model, usage: { prompt_tokens: tokens, total_tokens: tokens } };
}

/** OpenAI accepts a string, a list of strings, a token list, or a list of token lists. */
function toInputList(input: unknown): Array<string | number[]> {
  if (typeof input === 'string') return [input];
  if (!Array.isArray(input)) return [];
  if (input.every((item) => typeof item === 'number')) return [input as number[]];
  return input.filter((item): item is string | number[] => typeof item === 'string' || Array.isArray(item));
}
