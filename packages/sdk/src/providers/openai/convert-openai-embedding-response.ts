// Wire `/embeddings` body → canonical EmbeddingResponse, filling what compatible servers omit
// (usage, per-item index, model).

import type { EmbeddingResponse } from '../../spec/index.js';
import type { OpenAIEmbeddingResponse } from './openai-api.js';

export function convertOpenAIEmbeddingResponse(wire: OpenAIEmbeddingResponse, model: string): EmbeddingResponse {
  // Voyage and Jina report only total_tokens, which for embeddings are all prompt tokens.
  const promptTokens = wire.usage?.prompt_tokens ?? wire.usage?.total_tokens ?? 0;
  return {
    object: 'list',
    data: wire.data.map((item, position) => ({ object: 'embedding', index: item.index ?? position, embedding: item.embedding })),
    model: wire.model || model,
    usage: { prompt_tokens: promptTokens, total_tokens: wire.usage?.total_tokens ?? promptTokens },
  };
}
