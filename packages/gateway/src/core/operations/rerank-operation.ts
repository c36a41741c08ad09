// POST /v1/rerank (and /rerank, /v2/rerank): Cohere's rerank shape, as LiteLLM serves it, on
// every provider with a reranker (Cohere, Bedrock, Jina, Voyage, Together, Infinity, TEI).
// Priced per search unit or per token by the SDK; routed, governed and billed as chat is.

import { rerankAttempt, type RerankResult, type Usage } from 'llmux';
import { z } from 'zod';
import type { CallState } from '../operation.js';
import { serveRoutedJson } from './serve-routed-json.js';
import { openAIOperation } from './openai-operation.js';

const rerankRequestSchema = z.looseObject({
  model: z.string().min(1),
  query: z.string().min(1),
  documents: z.array(z.union([z.string(), z.record(z.string(), z.unknown())])).min(1),
  top_n: z.number().int().positive().nullish(),
  return_documents: z.boolean().nullish(),
  max_tokens_per_doc: z.number().int().positive().nullish(),
});

const FIELDS = ['model', 'query', 'documents', 'top_n', 'return_documents', 'max_tokens_per_doc'];

export const rerankOperation = openAIOperation(
  '/rerank',
  {
    // LiteLLM's call_type for /rerank.
    names: { name: 'rerank', callType: 'arerank', traceName: 'rerank' },
    request: { schema: rerankRequestSchema },
    serve: serveRerank,
  },
  ['/v2/rerank'],
);

function serveRerank(state: CallState): Promise<boolean> {
  return serveRoutedJson<RerankResult>(state, { fields: FIELDS, attempt: rerankAttempt, usage: usageOf });
}

/** Token-billed rerankers report tokens; search-unit ones none. */
function usageOf(reply: RerankResult): Usage | undefined {
  const tokens = reply.meta?.billed_units?.input_tokens ?? reply.meta?.tokens?.input_tokens;
  return tokens === undefined ? undefined : { prompt_tokens: tokens, completion_tokens: 0, total_tokens: tokens };
}
