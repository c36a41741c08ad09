// A key's `allowed_cache_controls`, as LiteLLM enforces them: when the list is non-empty, a
// request may send only the cache controls it names, and any other is a 403 naming the
// control. An empty or absent list allows every control. llmux keeps the list in the key's
// metadata (no migration): /key/generate and /key/update take it as LiteLLM's top-level field.

import { PermissionDeniedError } from 'llmux';
import type { PreCallHook } from '../core/hooks.js';

/** The metadata field the list is kept under. */
const ALLOWED_CACHE_CONTROLS = 'allowed_cache_controls';

export const checkCacheControlsHook: PreCallHook = (state) => {
  const controls = state.body['cache'];
  if (typeof controls !== 'object' || controls === null || Array.isArray(controls)) return undefined;
  const allowed = state.context.identity?.key?.metadata[ALLOWED_CACHE_CONTROLS];
  if (!Array.isArray(allowed) || allowed.length === 0) return undefined;
  for (const name of Object.keys(controls)) {
    if (!allowed.includes(name)) {
      throw new PermissionDeniedError(`Not allowed to set ${name} as a cache control. Contact admin to change permissions.`, { code: 'cache_control_not_allowed', param: 'cache' });
    }
  }
  return undefined;
};

/**
 * A key's metadata with the list from a /key/generate or /key/update body (LiteLLM's
 * top-level field), or undefined when the body does not name it. null or [] lifts it.
 */
export function foldAllowedCacheControls(
  body: { allowed_cache_controls?: readonly string[] | null | undefined },
  metadata: Record<string, unknown> | null | undefined,
): Record<string, unknown> | undefined {
  const allowed = body.allowed_cache_controls;
  if (allowed === undefined) return undefined;
  const { [ALLOWED_CACHE_CONTROLS]: _previous, ...rest } = metadata ?? {};
  return allowed === null || allowed.length === 0 ? rest : { ...rest, [ALLOWED_CACHE_CONTROLS]: [...allowed] };
}
