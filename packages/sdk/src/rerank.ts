// `rerank()`: orders documents by relevance to a query, with any provider that offers it,
// in Cohere's (and LiteLLM's) rerank shape, priced per search unit or per token
// (cost/rerank-cost.ts). Routed calls use `rerankAttempt` with `Router.call`.

import type { CallOptions } from './call-options.js';
import { createEntryPoints } from './create-entry-points.js';
import { rerankCost } from './cost/rerank-cost.js';
import { BadRequestError } from './errors/error-classes.js';
import { resolveOffering } from './resolve-offering.js';
import { attachMetadata, type ResponseMetadata } from './response-metadata.js';
import { createCallContext, type SplitCall } from './split-call.js';
import type { RerankRequest, RerankResponse } from './spec/index.js';

export type RerankParams = RerankRequest & CallOptions;
export type RerankResult = RerankResponse & { readonly llmux: ResponseMetadata };

export const RERANK_BODY_KEYS: ReadonlySet<string> = new Set<string>(['model', 'query', 'documents', 'top_n', 'return_documents', 'max_tokens_per_doc']);

const entryPoints = createEntryPoints<RerankRequest, RerankParams, RerankResult>(RERANK_BODY_KEYS, rerankCall);
export const rerank = entryPoints.direct;
/** One Router attempt: `router.call(params, rerankAttempt)`. */
export const rerankAttempt = entryPoints.attempt;

export async function rerankCall({ body, options, settings, prices }: SplitCall<RerankRequest>): Promise<RerankResult> {
  const { adapter, reference } = resolveOffering(body.model, 'rerank', 'reranking', options);
  if (!Array.isArray(body.documents)) {
    throw new BadRequestError('documents must be a list', { provider: adapter.id, model: reference.model, param: 'documents' });
  }
  const context = createCallContext(reference.provider, reference.model, options, settings, false);
  const startedAt = performance.now();
  const response = await adapter.rerank({ ...body, model: reference.model }, context);
  return attachMetadata(response, {
    provider: reference.provider,
    model: reference.model,
    cost: rerankCost(reference.provider, reference.model, response.meta, body.documents.length, prices),
    warnings: context.warnings,
    durationMs: performance.now() - startedAt,
  });
}
