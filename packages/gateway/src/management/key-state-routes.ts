// POST /key/regenerate (and /key/{key}/regenerate), /key/block, /key/unblock; GET /key/info, /key/list.

import { generateKey, abbreviateKey, hashKey } from '../governance/hash-key.js';
import { callerUserId, canReadAll, denied, isTeamAdmin } from '../governance/permissions.js';
import type { Route } from '../http/route.js';
import { NotFoundError } from 'llmux';
import { keyRegenerateSchema, keyTargetSchema } from './key-schemas.js';
import { loadKeyFor } from './key-access.js';
import type { ManagementDeps } from './management-deps.js';
import { callerOf, queryOf, readManagementBody, readOptionalManagementBody, replyJson } from './management-request.js';
import type { Identity } from '../governance/identity.js';
import type { RequestContext } from '../http/request-context.js';
import { renderKey } from './render-records.js';

export function createKeyStateRoutes(deps: ManagementDeps): Route[] {
  const { store, invalidation, audit } = deps;
  const setBlocked = (path: string, blocked: boolean): Route => ({
    method: 'POST',
    paths: [path],
    async handle(context) {
      const caller = callerOf(context);
      const body = await readManagementBody(context, keyTargetSchema);
      const current = await loadKeyFor(store, caller, body.key, 'block');
      const updated = (await store.updateKey(current.token, { blocked })) ?? current;
      await invalidation.invalidate(current.token);
      await audit.record({ caller, action: blocked ? 'blocked' : 'unblocked', table: 'keys', objectId: current.token, before: { blocked: current.blocked }, after: { blocked } });
      replyJson(context, renderKey(updated));
    },
  });
  /** A new secret for the named key; the old one stops working at once, here and on every instance. */
  const regenerate = async (context: RequestContext, caller: Identity, named: string | undefined, newKey: string | undefined): Promise<void> => {
    if (named === undefined) throw new NotFoundError('Name the key to regenerate in "key".', { code: 'key_not_found', param: 'key' });
    const current = await loadKeyFor(store, caller, named, 'secret');
    const key = newKey ?? generateKey();
    const updated = await store.replaceKeyToken(current.token, hashKey(key), abbreviateKey(key));
    if (updated === undefined) throw new NotFoundError('Key not found', { code: 'key_not_found', param: 'key' });
    await invalidation.invalidate(current.token);
    await audit.record({
      caller,
      action: 'regenerated',
      table: 'keys',
      objectId: updated.token,
      before: { token: current.token, key_name: current.key_name },
      after: { key_name: updated.key_name },
    });
    replyJson(context, { ...renderKey(updated), key, token_id: updated.token });
  };
  return [
    setBlocked('/key/block', true),
    setBlocked('/key/unblock', false),
    {
      method: 'POST',
      paths: ['/key/regenerate'],
      async handle(context) {
        const caller = callerOf(context);
        const body = await readManagementBody(context, keyRegenerateSchema);
        await regenerate(context, caller, body.key ?? caller.key?.token, body.new_key);
      },
    },
    {
      // LiteLLM's documented form: the key in the path, the body optional.
      method: 'POST',
      paths: ['/key/{key}/regenerate'],
      async handle(context) {
        const caller = callerOf(context);
        const body = await readOptionalManagementBody(context, keyRegenerateSchema);
        await regenerate(context, caller, context.params?.['key'], body.new_key);
      },
    },
    {
      method: 'GET',
      paths: ['/key/info'],
      async handle(context) {
        const caller = callerOf(context);
        const named = queryOf(context).get('key') ?? caller.key?.token;
        if (named === undefined) throw new NotFoundError('Name the key in ?key=.', { code: 'key_not_found', param: 'key' });
        const record = await loadKeyFor(store, caller, named, 'read');
        const modelSpend = await store.getKeyModelSpend(record.token);
        replyJson(context, { key: named, info: { ...renderKey(record), model_spend: modelSpend } });
      },
    },
    {
      method: 'GET',
      paths: ['/key/list'],
      async handle(context) {
        const caller = callerOf(context);
        const query = queryOf(context);
        const page = Math.max(1, Number(query.get('page') ?? 1) || 1);
        const size = Math.min(100, Math.max(1, Number(query.get('size') ?? 10) || 10));
        const filter: { user_id?: string; team_id?: string; key_alias?: string } = {};
        for (const field of ['user_id', 'team_id', 'key_alias'] as const) {
          const value = query.get(field);
          if (value !== null && value !== '') filter[field] = value;
        }
        if (!canReadAll(caller)) {
          const teamAdmin = filter.team_id !== undefined && isTeamAdmin(caller, await store.getTeam(filter.team_id));
          const self = callerUserId(caller);
          if (!teamAdmin) {
            if (self === undefined || (filter.user_id !== undefined && filter.user_id !== self)) throw denied("list other users' keys");
            filter.user_id = self;
          }
        }
        const { keys, total } = await store.listKeys(filter, { page, size });
        const full = query.get('return_full_object') === 'true';
        replyJson(context, { keys: full ? keys.map(renderKey) : keys.map((key) => key.token), total_count: total, current_page: page, total_pages: Math.ceil(total / size) });
      },
    },
  ];
}
