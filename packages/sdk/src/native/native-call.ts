// `nativeCall()`: a passthrough call, the counterpart of completion() for clients whose
// dialect the deployment's provider speaks itself. It resolves the provider and builds the
// call context as completion() does, lets the adapter forward the body, and prices the
// reply from the usage read on the side.
//
//   speaksNatively(model, dialect): boolean   — may `model` ('provider/model') pass through?
//   nativeCall(params, request): NativeReply  — send it; typed errors for non-2xx answers.
//   nativeCallSplit(split, request)           — the same for arguments already split (router).

import type { CallOptions } from '../call-options.js';
import { computeCost } from '../cost/compute-cost.js';
import { BadRequestError, NotFoundError } from '../errors/error-classes.js';
import type { ProviderAdapter } from '../providers/provider-adapter.js';
import { getDefaultProviderRegistry, type ProviderRegistry } from '../providers/provider-registry.js';
import type { ModelReference } from '../providers/parse-model-string.js';
import { createCallContext, splitCall, type SplitCall } from '../split-call.js';
import type { Usage } from '../spec/index.js';
import type { Dialect } from './dialect.js';
import type { NativeReply, NativeRequest } from './native-support.js';

/** The only body key a native call's arguments carry; everything else is an option or setting. */
const NATIVE_BODY_KEYS: ReadonlySet<string> = new Set(['model']);

/**
 * True when `model`'s provider speaks `dialect` for that model; false for unknown providers.
 * `asTranslated`: also require that its replies carry nothing the translated reply leaves
 * out (NativeSupport.extendsReply), for a door whose clients get the translated answer's shape.
 */
export function speaksNatively(model: string, dialect: Dialect, registry: ProviderRegistry = getDefaultProviderRegistry(), asTranslated = false): boolean {
  let resolved: { adapter: ProviderAdapter; reference: ModelReference };
  try {
    resolved = registry.resolve(model);
  } catch {
    return false;
  }
  const native = resolved.adapter.native;
  if (native?.speaks(dialect, resolved.reference.model) !== true) return false;
  return !asTranslated || native.extendsReply?.(dialect) !== true;
}

/**
 * Sends `request` to `params.model` as is (only `model` and the provider's envelope change).
 * Resolves once the upstream accepted it (a stream: once its first content arrived). Throws
 * NotFoundError for an unknown provider, BadRequestError (code `dialect_not_native`) when the
 * provider does not speak the dialect, and the provider's typed errors for non-2xx answers.
 */
export function nativeCall(params: CallOptions & { model: string }, request: NativeRequest): Promise<NativeReply> {
  return nativeCallSplit(splitCall<{ model: string }>(params, NATIVE_BODY_KEYS), request);
}

export async function nativeCallSplit({ body, options, settings, prices }: SplitCall<{ model: string }>, request: NativeRequest): Promise<NativeReply> {
  const registry = options.registry ?? getDefaultProviderRegistry();
  const { adapter, reference } = resolve(registry, body.model);
  const native = adapter.native;
  if (native === undefined || !native.speaks(request.dialect, reference.model)) {
    throw new BadRequestError(`${reference.provider}/${reference.model} does not speak ${request.dialect} natively`, {
      provider: reference.provider,
      model: reference.model,
      code: 'dialect_not_native',
    });
  }
  const context = createCallContext(reference.provider, reference.model, options, settings, request.stream);
  const price = (usage: Usage, durationMs: number): number | null => computeCost(reference.provider, reference.model, usage, prices, durationMs);
  const startedAt = performance.now();
  const reply = await native.send(request, context);
  const metadata = reply.llmux;
  if (reply.kind === 'json') {
    metadata.durationMs = performance.now() - startedAt;
    if (reply.usage !== undefined) metadata.cost = price(reply.usage, metadata.durationMs);
    return reply;
  }
  reply.priceOf = (usage) => price(usage, metadata.durationMs ?? performance.now() - startedAt);
  // Registered before the caller can add its own, so cost is set when they run.
  reply.onEnd((usage) => {
    metadata.durationMs = performance.now() - startedAt;
    if (usage !== undefined) metadata.cost = price(usage, metadata.durationMs);
  });
  return reply;
}

/** As completion() resolves, but an unknown provider is a NotFoundError. */
function resolve(registry: ProviderRegistry, model: string): { adapter: ProviderAdapter; reference: ModelReference } {
  try {
    return registry.resolve(model);
  } catch (error) {
    if (error instanceof BadRequestError && error.code === 'model_not_found') {
      throw new NotFoundError(error.message, { model, code: 'model_not_found', param: 'model' });
    }
    throw error;
  }
}
