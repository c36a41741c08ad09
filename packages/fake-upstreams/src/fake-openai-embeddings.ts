// OpenAI `/v1/embeddings` answers with deterministic unit vectors: the same input always
// gets the same vector, so tests can compare results across calls and processes.

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
    tokens += typeof input === 'string' ? Math.max(1, input.split(/\s+/).filter((word) => word !== '').length) : input.length;
    const vector = vectorFor(typeof input === 'string' ? input : input.join(','), dimensions);
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

function vectorFor(text: string, dimensions: number): number[] {
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
  // Rounded through float32 so float and base64 answers decode to the same numbers.
  return values.map((value) => Math.fround(value * scale));
}
