// /user/new, /user/info, /user/update, /user/delete, /user/list. Admins manage users; a
// user may read their own record. /user/new also creates a key for the user, as LiteLLM does.

import { randomUUID } from 'node:crypto';
import { NotFoundError } from 'llmux';
import { z } from 'zod';
import { generateKey } from '../governance/hash-key.js';
import type { UserRecord } from '../governance/identity.js';
import { callerUserId, canReadAll, denied, requireReadAll } from '../governance/permissions.js';
import type { Route } from '../http/route.js';
import { newKeyRecord } from './key-write-routes.js';
import { withCreateDefaults } from './new-record-defaults.js';
import { LIMIT_FIELD_NAMES, limitFields, limitsFromBody, presentFields } from './limit-fields-schema.js';
import type { ManagementDeps } from './management-deps.js';
import { deleteOwnedKeys } from './delete-owned-keys.js';
import { callerOf, queryOf, readAdminBody, replyJson } from './management-request.js';
import { renderKey, renderTeam, renderUser } from './render-records.js';

const ROLE = z.enum(['proxy_admin', 'proxy_admin_viewer', 'internal_user', 'internal_user_viewer']);
const userFields = { ...limitFields, user_email: z.string().nullable().optional(), user_alias: z.string().nullable().optional(), user_role: ROLE.optional() };
const userNewSchema = z.looseObject({
  ...userFields,
  user_id: z.string().min(1).optional(),
  teams: z.array(z.string()).optional(),
  auto_create_key: z.boolean().optional(),
  key_alias: z.string().optional(),
});
const userUpdateSchema = z.looseObject({ ...userFields, user_id: z.string().min(1) });
const userDeleteSchema = z.looseObject({ user_ids: z.array(z.string().min(1)).min(1) });
const UPDATE_FIELDS = ['user_email', 'user_alias', 'user_role', 'models', 'metadata', ...LIMIT_FIELD_NAMES] as const;

export function createUserRoutes(deps: ManagementDeps): Route[] {
  const { store, invalidation, audit } = deps;
  const now = deps.now ?? (() => new Date());
  const loadUser = async (userId: string): Promise<UserRecord> => {
    const user = await store.getUser(userId);
    if (user === undefined) throw new NotFoundError(`User not found: ${userId}`, { code: 'user_not_found', param: 'user_id' });
    return user;
  };
  return [
    {
      method: 'POST',
      paths: ['/user/new'],
      async handle(context) {
        const { caller, body: sent } = await readAdminBody(context, userNewSchema, 'create users');
        const body = withCreateDefaults(sent, deps.newUserDefaults);
        const at = now();
        const user: UserRecord = {
          ...limitsFromBody(body, at),
          user_id: body.user_id ?? randomUUID(),
          user_email: body.user_email ?? null,
          user_alias: body.user_alias ?? null,
          user_role: body.user_role ?? 'internal_user',
          teams: body.teams ?? [],
          models: body.models ?? [],
          spend: 0,
          metadata: body.metadata ?? {},
          created_at: at,
          updated_at: at,
        };
        await store.upsertUser(user);
        for (const teamId of user.teams) {
          const team = await store.getTeam(teamId);
          if (team !== undefined && !team.members_with_roles.some((member) => member.user_id === user.user_id)) {
            await store.changeTeamMembers(teamId, { upsert: [{ user_id: user.user_id, role: 'user' }] });
          }
        }
        await audit.record({ caller, action: 'created', table: 'users', objectId: user.user_id, after: renderUser(user) });
        if (body.auto_create_key === false) return replyJson(context, renderUser(user));
        const key = generateKey();
        const record = newKeyRecord(key, { user_id: user.user_id, key_alias: body.key_alias ?? null }, at);
        await store.insertKey(record);
        await audit.record({ caller, action: 'created', table: 'keys', objectId: record.token, after: renderKey(record) });
        replyJson(context, { ...renderUser(user), key, token: record.token, key_name: record.key_name, expires: null });
      },
    },
    {
      method: 'GET',
      paths: ['/user/info'],
      async handle(context) {
        const caller = callerOf(context);
        const userId = queryOf(context).get('user_id') ?? callerUserId(caller);
        if (userId === undefined) throw new NotFoundError('Name the user in ?user_id=.', { code: 'user_not_found', param: 'user_id' });
        if (!canReadAll(caller) && userId !== callerUserId(caller)) throw denied("read another user's record");
        const user = await loadUser(userId);
        const [{ keys }, teams] = await Promise.all([store.listKeys({ user_id: userId }, { page: 1, size: 100 }), store.listTeams({ user_id: userId })]);
        replyJson(context, { user_id: userId, user_info: renderUser(user), keys: keys.map(renderKey), teams: teams.map(renderTeam) });
      },
    },
    {
      method: 'POST',
      paths: ['/user/update'],
      async handle(context) {
        const { caller, body } = await readAdminBody(context, userUpdateSchema, 'change users');
        const current = await loadUser(body.user_id);
        const updated: UserRecord = { ...current, ...(presentFields(body, UPDATE_FIELDS) as Partial<UserRecord>), updated_at: now() };
        if (body.metadata === null) updated.metadata = {};
        await store.upsertUser(updated);
        // Any of the user's keys may be cached with the old record.
        await invalidation.invalidate();
        await audit.record({ caller, action: 'updated', table: 'users', objectId: current.user_id, before: renderUser(current), after: renderUser(updated) });
        replyJson(context, renderUser(updated));
      },
    },
    {
      method: 'POST',
      paths: ['/user/delete'],
      async handle(context) {
        const { caller, body } = await readAdminBody(context, userDeleteSchema, 'delete users');
        const users = [];
        for (const userId of body.user_ids) users.push(await loadUser(userId));
        for (const user of users) await deleteOwnedKeys(deps, caller, { user_id: user.user_id });
        await store.deleteUsers(body.user_ids);
        await invalidation.invalidate();
        for (const user of users) await audit.record({ caller, action: 'deleted', table: 'users', objectId: user.user_id, before: renderUser(user) });
        replyJson(context, { deleted_users: body.user_ids });
      },
    },
    {
      method: 'GET',
      paths: ['/user/list'],
      async handle(context) {
        requireReadAll(callerOf(context), 'list users');
        const query = queryOf(context);
        const page = Math.max(1, Number(query.get('page') ?? 1) || 1);
        const size = Math.min(1000, Math.max(1, Number(query.get('page_size') ?? 25) || 25));
        const filter: { user_role?: string; team_id?: string } = {};
        const role = query.get('role') ?? query.get('user_role');
        const teamId = query.get('team_id');
        if (role !== null && role !== '') filter.user_role = role;
        if (teamId !== null && teamId !== '') filter.team_id = teamId;
        const { users, total } = await store.listUsers(filter, { page, size });
        replyJson(context, { users: users.map(renderUser), total, page, page_size: size, total_pages: Math.ceil(total / size) });
      },
    },
  ];
}
