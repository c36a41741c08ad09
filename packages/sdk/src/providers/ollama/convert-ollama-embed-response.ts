// Ollama `/api/embed` reply → canonical embedding list. Ollama answers in floats only; a
// caller asking for base64 (the official OpenAI client does by default) gets the float32
// little-endian bytes OpenAI would send.

import type { EmbeddingRequest, EmbeddingResponse } from '../../spec/index.js';
import type { OllamaEmbedResponse } from './ollama-api.js';

export function convertOllamaEmbedResponse(wire: OllamaEmbedResponse, options: { model: string; encodingFormat: EmbeddingRequest['encoding_format'] }): EmbeddingResponse {
  const promptTokens = wire.prompt_eval_count ?? 0;
  return {
    object: 'list',
    data: wire.embeddings.map((vector, index) => ({
      object: 'embedding',
      index,
      embedding: options.encodingFormat === 'base64' ? Buffer.from(Float32Array.from(vector).buffer).toString('base64') : vector,
    })),
    model: wire.model ?? options.model,
    usage: { prompt_tokens: promptTokens, total_tokens: promptTokens },
  };
}
