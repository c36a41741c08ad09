// Canonical embeddings request → Vertex AI `:predict` body: one instance per input text.

import type { EmbeddingRequest } from '../../spec/index.js';
import { readEmbeddingTexts } from '../gemini/index.js';
import type { VertexEmbeddingRequestBody } from './vertex-api.js';

export function convertToVertexEmbeddingRequest(request: EmbeddingRequest): VertexEmbeddingRequestBody {
  const body: VertexEmbeddingRequestBody = { instances: readEmbeddingTexts(request).map((content) => ({ content })) };
  if (request.dimensions !== undefined) body.parameters = { outputDimensionality: request.dimensions };
  return body;
}
