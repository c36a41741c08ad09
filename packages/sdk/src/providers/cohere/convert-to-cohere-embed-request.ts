// Canonical embeddings request → Cohere `/v2/embed` body. Cohere needs to know what the
// texts are for; `input_type` is a provider setting (as in LiteLLM), `search_document` by
// default, since most embeddings are of documents to be searched.

import { BadRequestError } from '../../errors/error-classes.js';
import type { EmbeddingRequest } from '../../spec/index.js';
import type { CohereEmbedRequestBody } from './cohere-api.js';

const DEFAULT_INPUT_TYPE = 'search_document';

export function convertToCohereEmbedRequest(request: EmbeddingRequest, settings: Readonly<Record<string, unknown>>): CohereEmbedRequestBody {
  const input = request.input;
  const texts = typeof input === 'string' ? [input] : Array.isArray(input) && input.every((item) => typeof item === 'string') ? (input as string[]) : undefined;
  if (texts === undefined) {
    throw new BadRequestError('Cohere embeds text only: input must be a string or a list of strings, not token ids', {
      param: 'input',
      model: request.model,
    });
  }
  const inputType = typeof settings['input_type'] === 'string' ? settings['input_type'] : DEFAULT_INPUT_TYPE;
  const body: CohereEmbedRequestBody = { model: request.model, texts, input_type: inputType, embedding_types: ['float'] };
  if (request.dimensions !== undefined) body.output_dimension = request.dimensions;
  return body;
}
