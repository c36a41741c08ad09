// `moderation()`: OpenAI's Moderations API on any provider. Providers with a moderation
// endpoint (OpenAI) take the body as it is and cost nothing; any other model is asked to
// classify with a documented prompt (moderation-bridge.ts) and billed for its chat tokens.
// Routed calls use `moderationAttempt` with `Router.call`.

import type { CallOptions } from './call-options.js';
import { createEntryPoints } from './create-entry-points.js';
import { computeCost } from './cost/compute-cost.js';
import { moderateWithChat } from './moderation-bridge.js';
import { getDefaultProviderRegistry } from './providers/provider-registry.js';
import { attachMetadata, type ResponseMetadata } from './response-metadata.js';
import { createCallContext, type SplitCall } from './split-call.js';
import type { ModerationRequest, ModerationResponse, Usage } from './spec/index.js';

export type ModerationParams = ModerationRequest & CallOptions;
/** `usage`: the chat tokens a bridged call spent (absent for a provider's own endpoint). */
export type ModerationResult = ModerationResponse & { readonly llmux: ResponseMetadata; readonly usage?: Usage | undefined };

export const MODERATION_BODY_KEYS: ReadonlySet<string> = new Set(['model', 'input']);

const entryPoints = createEntryPoints<ModerationRequest, ModerationParams, ModerationResult>(MODERATION_BODY_KEYS, moderationCall);
export const moderation = entryPoints.direct;
/** One Router attempt: `router.call(params, moderationAttempt)`. */
export const moderationAttempt = entryPoints.attempt;

export async function moderationCall({ body, options, settings, prices }: SplitCall<ModerationRequest>): Promise<ModerationResult> {
  const registry = options.registry ?? getDefaultProviderRegistry();
  const { adapter, reference } = registry.resolve(body.model);
  const context = createCallContext(reference.provider, reference.model, options, settings, false);
  const metadata: ResponseMetadata = { provider: reference.provider, model: reference.model, cost: null, warnings: context.warnings };
  const startedAt = performance.now();
  if (adapter.moderation !== undefined) {
    const response = await adapter.moderation.moderate({ ...body, model: reference.model }, context);
    metadata.durationMs = performance.now() - startedAt;
    // OpenAI's moderation endpoint is free of charge.
    metadata.cost = 0;
    return attachMetadata(response, metadata);
  }
  const { response, usage } = await moderateWithChat(body.input, adapter, context, options.drop_params === true);
  metadata.durationMs = performance.now() - startedAt;
  if (usage !== undefined) metadata.cost = computeCost(reference.provider, reference.model, usage, prices, metadata.durationMs);
  // Non-enumerable, as llmux is: the body stays OpenAI's moderation shape.
  Object.defineProperty(response, 'usage', { value: usage, enumerable: false });
  return attachMetadata(response, metadata);
}
