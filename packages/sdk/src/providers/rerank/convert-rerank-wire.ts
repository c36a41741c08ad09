// Canonical rerank request → each wire format's body, and each reply → the canonical
// (Cohere v2) response. Token counts, where the wire reports them, become `meta.tokens` and
// `meta.billed_units.input_tokens`, which price token-billed rerankers.

import type { z } from 'zod';
import type { RerankRequest, RerankResponse, RerankResponseResult } from '../../spec/index.js';
import { toDocumentText } from '../cohere/convert-to-cohere-rerank-request.js';
import type { RerankWire } from './rerank-endpoint.js';
import type { cohereStyleRerankSchema, teiRerankSchema, voyageRerankSchema } from './rerank-wire-api.js';

export function convertToRerankWireBody(request: RerankRequest, wire: RerankWire): Record<string, unknown> {
  const documents = request.documents.map(toDocumentText);
  if (wire === 'tei') return { query: request.query, texts: documents, return_text: false };
  const body: Record<string, unknown> = { model: request.model, query: request.query, documents };
  if (request.top_n !== undefined) body[wire === 'voyage' ? 'top_k' : 'top_n'] = request.top_n;
  // Documents are echoed from the request's own texts: the same text whatever the wire sends back.
  if (wire === 'cohere') body['return_documents'] = false;
  return body;
}

/** What every wire's reply comes down to: scores by index, and the tokens, where reported. */
export interface RankedReply {
  results: Array<{ index: number; relevance_score: number }>;
  tokens: number | undefined;
  id: string | undefined;
}

export function readCohereStyleReply(reply: z.output<typeof cohereStyleRerankSchema>): RankedReply {
  return { results: reply.results, tokens: reply.usage?.total_tokens ?? reply.usage?.prompt_tokens, id: reply.id ?? undefined };
}

export function readVoyageReply(reply: z.output<typeof voyageRerankSchema>): RankedReply {
  return { results: reply.data, tokens: reply.usage?.total_tokens ?? reply.usage?.prompt_tokens, id: undefined };
}

/** TEI ranks every text and has no top_n: the list is sorted and cut here. */
export function readTeiReply(reply: z.output<typeof teiRerankSchema>, request: RerankRequest): RankedReply {
  const results = reply.map((item) => ({ index: item.index, relevance_score: item.score })).sort((a, b) => b.relevance_score - a.relevance_score);
  return { results: request.top_n === undefined ? results : results.slice(0, request.top_n), tokens: undefined, id: undefined };
}

export function convertRankedReply(reply: RankedReply, request: RerankRequest, id: string): RerankResponse {
  const results: RerankResponseResult[] = reply.results.map((item) => {
    const document = request.return_documents === true ? request.documents[item.index] : undefined;
    return document === undefined
      ? { index: item.index, relevance_score: item.relevance_score }
      : { index: item.index, relevance_score: item.relevance_score, document: { text: toDocumentText(document) } };
  });
  const response: RerankResponse = { id: reply.id ?? id, results };
  if (reply.tokens !== undefined) response.meta = { billed_units: { input_tokens: reply.tokens }, tokens: { input_tokens: reply.tokens } };
  return response;
}
