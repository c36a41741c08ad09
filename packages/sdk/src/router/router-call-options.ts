// What a routed call accepts beyond `completion()`'s parameters, and the split between the
// two, so routing options never reach a provider as unknown settings.

import type { CompletionParams } from '../completion.js';
import type { EmbeddingParams } from '../embedding.js';

export interface RouterCallOptions {
  /** Model groups to try, in order, when this call's group fails (replaces configured fallbacks). */
  fallbacks?: string[];
  /** Retries for this call, overriding the router's `num_retries`. */
  num_retries?: number;
  /** Tags the serving deployment must carry (with `enable_tag_filtering`). */
  tags?: string[];
  /** Whether the caller may use a model group: fallback groups it may not use are skipped. */
  canUseModel?: (model: string) => boolean;
  /** Call every model listed (`['a', 'b']` or `'a,b'`) at once and answer with the fastest. */
  fastest_response?: boolean;
  /**
   * Serve the call on this deployment of the first group, cooling down or not, retries
   * included (a follow-up to state only that deployment holds, such as a stored Response).
   * A group without it is routed as usual.
   */
  deploymentId?: string;
}

export type WithoutModel<T> = { [K in keyof T as K extends 'model' ? never : K]: T[K] };

/** `completion()`'s parameters; `model` may list several groups, tried in order. */
export type RouterCompletionParams = WithoutModel<CompletionParams> & RouterCallOptions & { model: string | string[] };

export type RouterEmbeddingParams = EmbeddingParams & RouterCallOptions;

export interface SplitRouterCall<Rest> {
  group: string;
  requestedFallbacks: string[] | undefined;
  options: RouterCallOptions;
  rest: Rest;
}

export function splitRouterCall<Rest extends object>(params: Rest & RouterCallOptions & { model: string | readonly string[] }): SplitRouterCall<Rest> {
  const { model, fallbacks, num_retries, tags, canUseModel, fastest_response: _fastest, deploymentId, ...rest } = params;
  const models = typeof model === 'string' ? [model] : model;
  const group = models[0] ?? '';
  const listed = models.slice(1);
  const requestedFallbacks = listed.length > 0 || fallbacks !== undefined ? [...listed, ...(fallbacks ?? [])] : undefined;
  return { group, requestedFallbacks, options: { fallbacks, num_retries, tags, canUseModel, deploymentId }, rest: rest as Rest };
}
