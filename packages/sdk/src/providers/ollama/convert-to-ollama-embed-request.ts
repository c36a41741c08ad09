// Canonical embeddings request → Ollama `/api/embed` body. Ollama embeds text only, so
// token-id inputs are refused rather than guessed at.

import { BadRequestError } from '../../errors/error-classes.js';
import type { EmbeddingRequest } from '../../spec/index.js';
import type { OllamaEmbedRequestBody } from './ollama-api.js';

export function convertToOllamaEmbedRequest(request: EmbeddingRequest): OllamaEmbedRequestBody {
  const input = request.input;
  const isText = typeof input === 'string' || (Array.isArray(input) && input.every((item) => typeof item === 'string'));
  if (!isText) {
    throw new BadRequestError('Ollama embeds text only: input must be a string or a list of strings, not token ids', {
      param: 'input',
      model: request.model,
    });
  }
  const body: OllamaEmbedRequestBody = { model: request.model, input: input as string | string[] };
  if (request.dimensions !== undefined) body.dimensions = request.dimensions;
  return body;
}
