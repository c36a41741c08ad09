// Vertex AI `:predict` embeddings → the canonical list, with each prediction's token_count
// summed into usage (Vertex bills embeddings by these).

import type { EmbeddingRequest, EmbeddingResponse } from '../../spec/index.js';
import { convertGeminiEmbeddingResponse } from '../gemini/index.js';
import type { VertexEmbeddingResponse } from './vertex-api.js';

export function convertVertexEmbeddingResponse(response: VertexEmbeddingResponse, request: EmbeddingRequest, model: string): EmbeddingResponse {
  const vectors = response.predictions.map((prediction) => prediction.embeddings.values);
  const tokens = response.predictions.reduce((sum, prediction) => sum + (prediction.embeddings.statistics?.token_count ?? 0), 0);
  return convertGeminiEmbeddingResponse(vectors, request, model, tokens);
}
