// Canonical rerank request → Cohere `/v2/rerank` body. v2 ranks plain strings; an object
// document is ranked by its `text` field, or else by its JSON text.

import type { RerankRequest } from '../../spec/index.js';
import type { CohereRerankRequestBody } from './cohere-api.js';

export function convertToCohereRerankRequest(request: RerankRequest): CohereRerankRequestBody {
  const body: CohereRerankRequestBody = { model: request.model, query: request.query, documents: request.documents.map(toDocumentText) };
  if (request.top_n !== undefined) body.top_n = request.top_n;
  if (request.max_tokens_per_doc !== undefined) body.max_tokens_per_doc = request.max_tokens_per_doc;
  return body;
}

export function toDocumentText(document: string | Record<string, unknown>): string {
  if (typeof document === 'string') return document;
  const text = document['text'];
  return typeof text === 'string' ? text : JSON.stringify(document);
}
