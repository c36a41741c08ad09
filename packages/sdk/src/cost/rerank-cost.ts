// The cost of a rerank call. The token catalog does not price rerankers, so their list prices
// are here, in LiteLLM's units: USD per search unit (Cohere, and Bedrock's rerank models: one
// query over up to 100 documents) or per input token (Jina, Voyage). A deployment's
// input_cost_per_query (per search unit) or input_cost_per_token override replaces that;
// self-hosted servers cost nothing.

import type { RerankMeta } from '../spec/index.js';
import type { PriceOverrides } from './price-overrides.js';

type RerankPrice = { perSearchUnit: number } | { perToken: number };

/** `provider/model` → price. */
const RERANK_PRICES: Readonly<Record<string, RerankPrice>> = {
  'cohere/rerank-v3.5': { perSearchUnit: 0.002 },
  'cohere/rerank-english-v3.0': { perSearchUnit: 0.002 },
  'cohere/rerank-multilingual-v3.0': { perSearchUnit: 0.002 },
  'cohere/rerank-english-v2.0': { perSearchUnit: 0.002 },
  'cohere/rerank-multilingual-v2.0': { perSearchUnit: 0.002 },
  'bedrock/amazon.rerank-v1:0': { perSearchUnit: 0.001 },
  'bedrock/cohere.rerank-v3-5:0': { perSearchUnit: 0.002 },
  'jina_ai/jina-reranker-v2-base-multilingual': { perToken: 0.000000018 },
  'jina_ai/jina-reranker-m0': { perToken: 0.000000018 },
  'voyage/rerank-2.5': { perToken: 0.00000005 },
  'voyage/rerank-2.5-lite': { perToken: 0.00000002 },
  'voyage/rerank-2': { perToken: 0.00000005 },
  'voyage/rerank-2-lite': { perToken: 0.00000002 },
  'together_ai/Salesforce/Llama-Rank-V1': { perToken: 0.0000001 },
};

const SELF_HOSTED = new Set(['infinity', 'huggingface', 'hosted_vllm']);

const DOCUMENTS_PER_SEARCH_UNIT = 100;

/** Search units a call used: as the provider billed them, or one per 100 documents. */
export function searchUnits(meta: RerankMeta | undefined, documents: number): number {
  return meta?.billed_units?.search_units ?? Math.max(1, Math.ceil(documents / DOCUMENTS_PER_SEARCH_UNIT));
}

/** USD for the call, or null when neither the table nor an override prices it. */
export function rerankCost(provider: string, model: string, meta: RerankMeta | undefined, documents: number, overrides: PriceOverrides): number | null {
  if (overrides.input_cost_per_query !== undefined) return searchUnits(meta, documents) * overrides.input_cost_per_query;
  const tokens = meta?.billed_units?.input_tokens ?? meta?.tokens?.input_tokens;
  if (overrides.input_cost_per_token !== undefined && tokens !== undefined) return tokens * overrides.input_cost_per_token;
  const price = RERANK_PRICES[`${provider}/${model}`];
  if (price === undefined) return SELF_HOSTED.has(provider) ? 0 : null;
  if ('perSearchUnit' in price) return searchUnits(meta, documents) * price.perSearchUnit;
  return tokens === undefined ? null : tokens * price.perToken;
}
