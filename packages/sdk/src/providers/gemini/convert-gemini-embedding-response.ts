// Embedding vectors from a Google API → the canonical embeddings list. Google returns floats
// only, so `encoding_format: "base64"` is produced here, as OpenAI encodes it (float32 LE).

import type { EmbeddingRequest, EmbeddingResponse } from '../../spec/index.js';

export function convertGeminiEmbeddingResponse(
  vectors: readonly number[][],
  request: Pick<EmbeddingRequest, 'encoding_format'>,
  model: string,
  promptTokens: number,
): EmbeddingResponse {
  return {
    object: 'list',
    data: vectors.map((values, index) => ({
      object: 'embedding',
      index,
      embedding: request.encoding_format === 'base64' ? Buffer.from(Float32Array.from(values).buffer).toString('base64') : values,
    })),
    model,
    usage: { prompt_tokens: promptTokens, total_tokens: promptTokens },
  };
}
