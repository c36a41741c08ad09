// Canonical embeddings request → Gemini batchEmbedContents body: one request per input text.

import { BadRequestError } from '../../errors/error-classes.js';
import type { EmbeddingRequest } from '../../spec/index.js';

export interface GeminiEmbeddingRequestBody {
  requests: Array<{ model: string; content: { parts: Array<{ text: string }> }; outputDimensionality?: number }>;
}

export function convertToGeminiEmbeddingRequest(request: EmbeddingRequest, resourceName: string): GeminiEmbeddingRequestBody {
  return {
    requests: readEmbeddingTexts(request).map((text) => ({
      model: resourceName,
      content: { parts: [{ text }] },
      ...(request.dimensions === undefined ? {} : { outputDimensionality: request.dimensions }),
    })),
  };
}

/** Google's embedding APIs take text only; OpenAI's token-id inputs have no equivalent. */
export function readEmbeddingTexts(request: EmbeddingRequest): string[] {
  const input = request.input;
  if (typeof input === 'string') return [input];
  if (input.every((item): item is string => typeof item === 'string')) return input;
  throw new BadRequestError('this provider embeds text only: input must be a string or an array of strings, not token ids', {
    param: 'input',
    model: request.model,
  });
}
