// Resolves a call's model to the provider adapter that serves it, for the operations only
// some providers offer (embeddings, reranking, files and batches): a provider without the
// one asked for refuses the call with a 400 on `model` before anything is sent.

import type { CallOptions } from './call-options.js';
import { BadRequestError } from './errors/error-classes.js';
import type { ProviderAdapter } from './providers/provider-adapter.js';
import { getDefaultProviderRegistry } from './providers/provider-registry.js';
import type { ModelReference } from './providers/parse-model-string.js';

type Offering = 'embed' | 'rerank' | 'batches';

/** The adapter, known to offer `Capability`. */
type AdapterOffering<Capability extends Offering> = ProviderAdapter & Required<Pick<ProviderAdapter, Capability>>;

/** `description` names the operation in the refusal ("embeddings"); `code`, when given, is its OpenAI code. */
export function resolveOffering<Capability extends Offering>(
  model: string,
  capability: Capability,
  description: string,
  options: CallOptions,
  code?: string,
): { adapter: AdapterOffering<Capability>; reference: ModelReference } {
  const registry = options.registry ?? getDefaultProviderRegistry();
  const { adapter, reference } = registry.resolve(model);
  if (!offers(adapter, capability)) {
    throw new BadRequestError(`provider "${adapter.id}" does not offer ${description}`, { provider: adapter.id, model: reference.model, param: 'model', code });
  }
  return { adapter, reference };
}

function offers<Capability extends Offering>(adapter: ProviderAdapter, capability: Capability): adapter is AdapterOffering<Capability> {
  return adapter[capability] !== undefined;
}
