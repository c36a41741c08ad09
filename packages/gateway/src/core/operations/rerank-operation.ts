// POST /v1/rerank (and /rerank, /v2/rerank): Cohere's rerank shape, as LiteLLM serves it, on
// every provider with a reranker (Cohere, Bedrock, Jina, Voyage, Together, Infinity, TEI).
// Priced per search unit or per token by the SDK; routed, governed and billed as chat is.

import { rerankAttempt, type RerankResult, type Usage } from 'llmux';
import { z } from 'zod';
import { openAIChatDialect } from '../dialects/openai-chat-dialect.js';
import type { CallState, Operation } from '../operation.js';
import { serveRoutedJson } from './serve-routed-json.js';

const rerankRequestSchema = z.looseObject({
  model: z.string().min(1),
  query: z.string().min(1),
  documents: z.array(z.union([z.string(), z.record(z.string(), z.unknown())])).min(1),
  top_n: z.number().int().positive().nullish(),
  return_documents: z.boolean().nullish(),
  max_tokens_per_doc: z.number().int().positive().nullish(),
});

const FIELDS = ['model', 'query', 'documents', 'top_n', 'return_documents', 'max_tokens_per_doc'];

export const rerankOperation: Operation = {
  // LiteLLM's call_type for /rerank.
  names: { name: 'rerank', callType: 'arerank', traceName: 'rerank' },
  method: 'POST',
  paths: ['/v1/rerank', '/rerank', '/v2/rerank'],
  dialect: openAIChatDialect,
  request: { schema: rerankRequestSchema },
  billed: true,
  serve: serveRerank,
};

function serveRerank(state: CallState): Promise<boolean> {
  return serveRoutedJson<RerankResult>(state, { fields: FIELDS, attempt: rerankAttempt, usage: usageOf });
}

/** Token-billed rerankers report tokens; search-unit ones none. */
function usageOf(reply: RerankResult): Usage | undefined {
  const tokens = reply.meta?.billed_units?.input_tokens ?? reply.meta?.tokens?.input_tokens;
  return tokens === undefined ? undefined : { prompt_tokens: tokens, completion_tokens: 0, total_tokens: tokens };
}
