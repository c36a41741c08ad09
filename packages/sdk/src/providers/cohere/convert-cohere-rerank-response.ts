// Cohere `/v2/rerank` reply → canonical rerank response. v2 no longer echoes documents, so
// `return_documents` is served from the request's own texts.

import type { RerankResponse } from '../../spec/index.js';
import type { CohereRerankResponse } from './cohere-api.js';

export function convertCohereRerankResponse(wire: CohereRerankResponse, options: { id: string; documents: readonly string[] | undefined }): RerankResponse {
  const response: RerankResponse = {
    id: wire.id ?? options.id,
    results: wire.results.map((result) => {
      const text = options.documents?.[result.index];
      return text === undefined
        ? { index: result.index, relevance_score: result.relevance_score }
        : { index: result.index, relevance_score: result.relevance_score, document: { text } };
    }),
  };
  // Passed on as sent: billed search units are what a caller reconciles invoices with.
  if (wire.meta !== undefined && wire.meta !== null) response.meta = wire.meta;
  return response;
}
