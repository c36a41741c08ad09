// POST /key/generate, /key/update, /key/delete: create, change and remove virtual keys.
// The full key is in the /key/generate reply only; the store keeps its sha256.

import { BadRequestError, NotFoundError } from 'llmux';
import { abbreviateKey, generateKey, hashKey } from '../governance/hash-key.js';
import type { Identity, KeyRecord } from '../governance/identity.js';
import { callerUserId, denied, isAdmin, isTeamAdmin, isViewer, mayBillUser, mayBlock } from '../governance/permissions.js';
import type { Route } from '../http/route.js';
import { addDuration, parseDuration } from '../limits/budget-period.js';
import { KEY_UPDATE_FIELDS, keyDeleteSchema, keyGenerateSchema, keyUpdateSchema, type KeyGenerateBody } from './key-schemas.js';
import { loadKeyFor } from './key-access.js';
import { requireBudgetRow } from './budget-rows.js';
import { presentFields } from './limit-fields-schema.js';
import type { ManagementDeps } from './management-deps.js';
import { callerOf, readManagementBody, replyJson } from './management-request.js';
import { renderKey } from './render-records.js';
import { foldGuardrailFields } from '../guardrails/fold-guardrail-fields.js';
import { foldAllowedCacheControls } from '../cache/check-allowed-cache-controls.js';

export function createKeyWriteRoutes(deps: ManagementDeps): Route[] {
  const { store, invalidation, audit } = deps;
  const now = deps.now ?? (() => new Date());
  return [
    {
      method: 'POST',
      paths: ['/key/generate'],
      async handle(context) {
        const caller = callerOf(context);
        const body = await readManagementBody(context, keyGenerateSchema);
        // Omitted: an admin's key bills no user, anyone else's bills themself. An explicit
        // null with a team_id is the team's own key (LiteLLM's service account key).
        const userId = body.user_id === undefined ? (isAdmin(caller) ? null : (callerUserId(caller) ?? null)) : body.user_id;
        await checkOwner(deps, caller, userId, body.team_id ?? null);
        await requireBudgetRow(store, body.budget_id, caller);
        const key = body.key ?? generateKey();
        // LiteLLM's top-level `guardrails` / `disable_global_guardrails` live in the key's metadata.
        const metadata = foldGuardrailFields(body, body.metadata) ?? body.metadata;
        const record = newKeyRecord(key, { ...body, user_id: userId, metadata: foldAllowedCacheControls(body, metadata) ?? metadata }, now());
        await store.insertKey(record);
        await audit.record({ caller, action: 'created', table: 'keys', objectId: record.token, after: renderKey(record) });
        replyJson(context, { ...renderKey(record), key, token_id: record.token });
      },
    },
    {
      method: 'POST',
      paths: ['/key/update'],
      async handle(context) {
        const caller = callerOf(context);
        const body = await readManagementBody(context, keyUpdateSchema);
        const current = await loadKeyFor(store, caller, body.key, 'write');
        await requireBudgetRow(store, body.budget_id, caller);
        const changes: Partial<KeyRecord> = presentFields(body, KEY_UPDATE_FIELDS) as Partial<KeyRecord>;
        if ('user_id' in changes || 'team_id' in changes) {
          // `null` is a change too (to no user, to no team), so `??` would check the old owner.
          await checkOwner(deps, caller, 'user_id' in changes ? (changes.user_id ?? null) : current.user_id, 'team_id' in changes ? (changes.team_id ?? null) : current.team_id);
        }
        // /key/update must not be a way around /key/block's rule.
        if (
          changes.blocked !== undefined &&
          changes.blocked !== current.blocked &&
          !mayBlock(caller, current.team_id === null ? undefined : await store.getTeam(current.team_id))
        ) {
          throw denied('block or unblock this key');
        }
        if (body.metadata === null) changes.metadata = {};
        const guarded = foldGuardrailFields(body, changes.metadata ?? current.metadata);
        if (guarded !== undefined) changes.metadata = guarded;
        const cacheControls = foldAllowedCacheControls(body, changes.metadata ?? current.metadata);
        if (cacheControls !== undefined) changes.metadata = cacheControls;
        if (body.duration !== undefined) changes.expires = expiresAfter(body.duration, now());
        if (body.budget_duration !== undefined) changes.budget_reset_at = expiresAfter(body.budget_duration, now());
        const updated = await store.updateKey(current.token, changes);
        if (updated === undefined) throw new NotFoundError('Key not found', { code: 'key_not_found', param: 'key' });
        await invalidation.invalidate(current.token);
        await audit.record({ caller, action: 'updated', table: 'keys', objectId: current.token, before: renderKey(current), after: renderKey(updated) });
        replyJson(context, { ...renderKey(updated), key: body.key });
      },
    },
    {
      method: 'POST',
      paths: ['/key/delete'],
      async handle(context) {
        const caller = callerOf(context);
        const body = await readManagementBody(context, keyDeleteSchema);
        const names = [...(body.keys ?? [])];
        for (const alias of body.key_aliases ?? []) {
          const { keys } = await store.listKeys({ key_alias: alias }, { page: 1, size: 100 });
          if (keys.length === 0) throw new NotFoundError(`No key with alias ${alias}`, { code: 'key_not_found', param: 'key_aliases' });
          names.push(...keys.map((key) => key.token));
        }
        if (names.length === 0) throw new BadRequestError('Give the keys to delete in "keys" (or "key_aliases").', { code: 'missing_required_parameter', param: 'keys' });
        // Check every key first, so a refused one leaves all of them in place.
        const records = [];
        for (const name of names) records.push(await loadKeyFor(store, caller, name, 'write'));
        await store.deleteKeys(records.map((record) => record.token));
        for (const record of records) {
          await invalidation.invalidate(record.token);
          await audit.record({ caller, action: 'deleted', table: 'keys', objectId: record.token, before: renderKey(record) });
        }
        replyJson(context, { deleted_keys: body.keys ?? records.map((record) => record.token) });
      },
    },
  ];
}

/**
 * Who a created or re-pointed key may bill. A proxy admin: anyone. Others: themself only
 * (`mayBillUser`), and a team only as its admin (LiteLLM's default team-member permissions
 * leave /key/generate to team admins); a key with neither user nor team is an admin's to
 * make. So a non-admin's team key names a member, as LiteLLM requires: themself, or no one.
 */
async function checkOwner(deps: ManagementDeps, caller: Identity, userId: string | null, teamId: string | null): Promise<void> {
  const team = teamId === null ? undefined : await deps.store.getTeam(teamId);
  if (teamId !== null && team === undefined) throw new BadRequestError(`Team not found: ${teamId}`, { code: 'team_not_found', param: 'team_id' });
  if (isAdmin(caller)) return;
  if (isViewer(caller)) throw denied('create or change keys');
  if (!mayBillUser(caller, userId)) throw denied('create or change keys that bill another user (only a proxy admin or that user may)');
  if (team === undefined) {
    if (userId === null) throw denied('create keys that belong to no user and no team');
    return;
  }
  if (!isTeamAdmin(caller, team)) throw denied(`create or move keys into team ${team.team_id} (its admins do)`);
}

function expiresAfter(duration: string | null, from: Date): Date | null {
  if (duration === null) return null;
  const parsed = parseDuration(duration);
  return parsed === null ? null : new Date(addDuration(from.getTime(), parsed));
}

export function newKeyRecord(key: string, body: KeyGenerateBody, at: Date): KeyRecord {
  return {
    token: hashKey(key),
    key_name: abbreviateKey(key),
    key_alias: body.key_alias ?? null,
    user_id: body.user_id ?? null,
    team_id: body.team_id ?? null,
    models: body.models ?? [],
    spend: 0,
    max_budget: body.max_budget ?? null,
    budget_duration: body.budget_duration ?? null,
    budget_reset_at: expiresAfter(body.budget_duration ?? null, at),
    soft_budget: body.soft_budget ?? null,
    rpm_limit: body.rpm_limit ?? null,
    tpm_limit: body.tpm_limit ?? null,
    max_parallel_requests: body.max_parallel_requests ?? null,
    model_max_budget: body.model_max_budget ?? {},
    model_rpm_limit: body.model_rpm_limit ?? {},
    model_tpm_limit: body.model_tpm_limit ?? {},
    ...(typeof body.budget_id === 'string' ? { budget_id: body.budget_id } : {}),
    metadata: body.metadata ?? {},
    blocked: body.blocked ?? false,
    expires: expiresAfter(body.duration ?? null, at),
    created_at: at,
    updated_at: at,
  };
}
