// `embedding()`: OpenAI-format embeddings from any provider that offers them.

import type { CallOptions } from './call-options.js';
import { computeCost } from './cost/compute-cost.js';
import { resolveOffering } from './resolve-offering.js';
import { attachMetadata, type ResponseMetadata } from './response-metadata.js';
import { createCallContext, splitCall, type SplitCall } from './split-call.js';
import type { EmbeddingRequest, EmbeddingResponse } from './spec/index.js';

export type EmbeddingParams = EmbeddingRequest & CallOptions;
export type EmbeddingResult = EmbeddingResponse & { readonly llmux: ResponseMetadata };

/** The keys of a call's arguments that belong in the embedding request body. */
export const EMBEDDING_BODY_KEYS: ReadonlySet<string> = new Set<string>(['model', 'input', 'encoding_format', 'dimensions', 'user']);

export async function embedding(params: EmbeddingParams): Promise<EmbeddingResult> {
  return embedCall(splitCall<EmbeddingRequest>(params, EMBEDDING_BODY_KEYS));
}

/** `embedding()` for arguments already split (see completeCall). */
export async function embedCall({ body, options, settings, prices }: SplitCall<EmbeddingRequest>): Promise<EmbeddingResult> {
  const { adapter, reference } = resolveOffering(body.model, 'embed', 'embeddings', options);
  const context = createCallContext(reference.provider, reference.model, options, settings, false);
  const response = await adapter.embed({ ...body, model: reference.model }, context);
  const usage = { prompt_tokens: response.usage.prompt_tokens, completion_tokens: 0, total_tokens: response.usage.total_tokens };
  return attachMetadata(response, {
    provider: reference.provider,
    model: reference.model,
    cost: computeCost(reference.provider, reference.model, usage, prices),
    warnings: context.warnings,
  });
}
