// Which model groups to try after a group fails: the caller's own list when given, else the
// list for the error's kind (context window, content policy), else the group's `fallbacks`
// (or the `*` entry), else `default_fallbacks`.

import { ContentPolicyViolationError, ContextWindowExceededError } from '../errors/error-classes.js';
import type { FallbackList, RouterSettings } from './router-settings.js';

type FallbackSettings = Pick<RouterSettings, 'fallbacks' | 'context_window_fallbacks' | 'content_policy_fallbacks' | 'default_fallbacks'>;

export function resolveFallbacks(group: string, error: unknown, settings: FallbackSettings, requested: readonly string[] | undefined): readonly string[] {
  if (requested !== undefined && requested.length > 0) return requested;
  if (error instanceof ContextWindowExceededError) {
    const specific = lookUp(settings.context_window_fallbacks, group);
    if (specific !== undefined) return specific;
  }
  if (error instanceof ContentPolicyViolationError) {
    const specific = lookUp(settings.content_policy_fallbacks, group);
    if (specific !== undefined) return specific;
  }
  return lookUp(settings.fallbacks, group) ?? lookUp(settings.fallbacks, '*') ?? settings.default_fallbacks ?? [];
}

function lookUp(list: FallbackList | undefined, group: string): string[] | undefined {
  if (list === undefined) return undefined;
  for (const entry of list) {
    const groups = entry[group];
    if (groups !== undefined) return groups;
  }
  return undefined;
}
