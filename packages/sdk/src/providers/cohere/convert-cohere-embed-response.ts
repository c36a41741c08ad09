// Cohere `/v2/embed` reply → canonical embedding list. llmux asks Cohere for floats; a
// caller asking for base64 (the official OpenAI client does by default) gets the float32
// little-endian bytes OpenAI would send.

import type { EmbeddingRequest, EmbeddingResponse } from '../../spec/index.js';
import type { CohereEmbedResponse } from './cohere-api.js';

export function convertCohereEmbedResponse(wire: CohereEmbedResponse, options: { model: string; encodingFormat: EmbeddingRequest['encoding_format'] }): EmbeddingResponse {
  const promptTokens = wire.meta?.billed_units?.input_tokens ?? 0;
  return {
    object: 'list',
    data: wire.embeddings.float.map((vector, index) => ({
      object: 'embedding',
      index,
      embedding: options.encodingFormat === 'base64' ? Buffer.from(Float32Array.from(vector).buffer).toString('base64') : vector,
    })),
    model: options.model,
    usage: { prompt_tokens: promptTokens, total_tokens: promptTokens },
  };
}
