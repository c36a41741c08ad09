// `rerank()`: orders documents by relevance to a query, with any provider that offers it,
// in Cohere's (and LiteLLM's) rerank shape.

import type { CallOptions } from './call-options.js';
import { BadRequestError } from './errors/error-classes.js';
import { getDefaultProviderRegistry } from './providers/provider-registry.js';
import { attachMetadata, type ResponseMetadata } from './response-metadata.js';
import { createCallContext, splitCall } from './split-call.js';
import type { RerankRequest, RerankResponse } from './spec/index.js';

export type RerankParams = RerankRequest & CallOptions;
export type RerankResult = RerankResponse & { readonly llmux: ResponseMetadata };

const BODY_KEYS = new Set<string>(['model', 'query', 'documents', 'top_n', 'return_documents', 'max_tokens_per_doc']);

export async function rerank(params: RerankParams): Promise<RerankResult> {
  const { body, options, settings } = splitCall<RerankRequest>(params, BODY_KEYS);
  const registry = options.registry ?? getDefaultProviderRegistry();
  const { adapter, reference } = registry.resolve(body.model);
  if (adapter.rerank === undefined) {
    throw new BadRequestError(`provider "${adapter.id}" does not offer reranking`, {
      provider: adapter.id,
      model: reference.model,
      param: 'model',
    });
  }
  if (!Array.isArray(body.documents)) {
    throw new BadRequestError('documents must be a list', { provider: adapter.id, model: reference.model, param: 'documents' });
  }
  const context = createCallContext(reference.provider, reference.model, options, settings, false);
  const response = await adapter.rerank({ ...body, model: reference.model }, context);
  // Rerankers are priced per search, which the token-based catalog does not describe.
  return attachMetadata(response, { provider: reference.provider, model: reference.model, cost: null, warnings: context.warnings });
}
