// Model access: a key, its user and its team may each carry `models`, a list of model
// groups and access groups (`model_info.access_groups` on deployments). Every non-empty
// list must allow the model (they intersect). Refused as LiteLLM does: 401 with
// `key_model_access_denied` (or `team_…`, `user_…`), before any upstream call.

import { AuthenticationError, type Router } from 'llmux';
import type { Identity } from './identity.js';

/** Entries that mean "every model", as LiteLLM spells them. */
const ALL_MODELS = new Set(['*', 'all-proxy-models', 'all-team-models']);

type Scope = 'key' | 'team' | 'user';

function restrictions(identity: Identity | undefined): Array<[Scope, readonly string[]]> {
  if (identity === undefined || identity.kind === 'master') return [];
  const lists: Array<[Scope, readonly string[]]> = [];
  const add = (scope: Scope, models: readonly string[] | undefined): void => {
    if (models !== undefined && models.length > 0 && !models.some((entry) => ALL_MODELS.has(entry))) lists.push([scope, models]);
  };
  add('key', identity.key?.models);
  add('team', identity.team?.models);
  add('user', identity.user?.models);
  return lists;
}

function allows(models: readonly string[], group: string, router: Router): boolean {
  if (models.includes(group)) return true;
  for (const deployment of router.deployments(group)) {
    const groups = deployment.model_info?.['access_groups'];
    if (Array.isArray(groups) && groups.some((name) => typeof name === 'string' && models.includes(name))) return true;
  }
  return false;
}

/** Throws when the caller may not use `model`. Called by the routes once the body is valid. */
export function checkModelAccess(identity: Identity | undefined, model: string, router: Router): void {
  if (identity === undefined || identity.kind === 'master') return;
  for (const [scope, models] of restrictions(identity)) {
    if (!allows(models, model, router)) {
      throw new AuthenticationError(
        `${scope === 'key' ? 'API key' : scope === 'team' ? 'Team' : 'User'} not allowed to access model ${model}. Allowed models: ${models.join(', ')}.`,
        {
          code: `${scope}_model_access_denied`,
          param: 'model',
          model,
        },
      );
    }
  }
}

/** The model groups the caller may use, or undefined for all of them. */
export function allowedModelGroups(identity: Identity | undefined, router: Router): Set<string> | undefined {
  const lists = restrictions(identity);
  if (lists.length === 0) return undefined;
  return new Set(router.modelNames().filter((group) => lists.every(([, models]) => allows(models, group, router))));
}

/**
 * A check the Router applies to client-side `fallbacks` and `model: [...]` lists, so a
 * caller cannot reach a model through a fallback that it may not call directly; undefined
 * when the caller may use every model (no per-call work then).
 */
export function modelAccessCheck(identity: Identity | undefined, router: Router): ((model: string) => boolean) | undefined {
  const lists = restrictions(identity);
  if (lists.length === 0) return undefined;
  return (model) => lists.every(([, models]) => allows(models, model, router));
}
