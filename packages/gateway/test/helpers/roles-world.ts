// The people and teams of the role tests, made through the management API with the master
// key: one caller per role, a team `red` (tom admin, bob member), a team `blue` that none of
// them is in, and `victim`, an internal user no caller is. Each matrix cell asks the world for
// fresh objects (keys, users, teams, customers, models), so no cell depends on another.

import * as assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import type { ManagementClient } from './management-client.js';

export const ROLES = ['proxy_admin', 'proxy_admin_viewer', 'internal_user', 'internal_user_viewer', 'team_admin', 'team_member', 'plain_key'] as const;
export type Role = (typeof ROLES)[number];

/** The user behind each role (the plain key has none). */
export const USER_OF: Record<Role, string | undefined> = {
  proxy_admin: 'adam',
  proxy_admin_viewer: 'ava',
  internal_user: 'alice',
  internal_user_viewer: 'vera',
  team_admin: 'tom',
  team_member: 'bob',
  plain_key: undefined,
};

export interface RolesWorld {
  admin: ManagementClient;
  /** A caller for the role; the plain key is a fresh key without user or team each time. */
  caller(role: Role): Promise<{ client: ManagementClient; key: string }>;
  /** A fresh key made by the master key. */
  key(fields: { user_id?: string | null; team_id?: string }): Promise<string>;
  /** A fresh id with a prefix, unique in this run. */
  id(prefix: string): string;
  /** A fresh internal user's id. */
  user(): Promise<string>;
}

export async function buildRolesWorld(admin: ManagementClient, as: (key: string) => ManagementClient): Promise<RolesWorld> {
  const keys = new Map<Role, string>();
  const roleOf: Record<Role, string> = {
    proxy_admin: 'proxy_admin',
    proxy_admin_viewer: 'proxy_admin_viewer',
    internal_user: 'internal_user',
    internal_user_viewer: 'internal_user_viewer',
    team_admin: 'internal_user',
    team_member: 'internal_user',
    plain_key: 'internal_user',
  };
  for (const role of ROLES) {
    const userId = USER_OF[role];
    if (userId === undefined) continue;
    const created = await admin.post('/user/new', { user_id: userId, user_role: roleOf[role] });
    assert.equal(created.status, 200, JSON.stringify(created.body));
    keys.set(role, String(created.body['key']));
  }
  await expectOk(admin.post('/user/new', { user_id: 'victim', user_role: 'internal_user' }));
  await expectOk(
    admin.post('/team/new', {
      team_id: 'red',
      members_with_roles: [
        { user_id: 'tom', role: 'admin' },
        { user_id: 'bob', role: 'user' },
      ],
    }),
  );
  await expectOk(admin.post('/team/new', { team_id: 'blue', members_with_roles: [{ user_id: 'victim', role: 'admin' }] }));

  const run = randomBytes(3).toString('hex');
  let counter = 0;
  const id = (prefix: string): string => `${prefix}-${run}-${(counter += 1)}`;
  const key = async (fields: { user_id?: string | null; team_id?: string }): Promise<string> => String((await expectOk(admin.post('/key/generate', fields)))['key']);
  return {
    admin,
    id,
    key,
    async caller(role) {
      const existing = keys.get(role);
      const callerKey = existing ?? (await key({}));
      return { client: as(callerKey), key: callerKey };
    },
    async user() {
      const userId = id('user');
      await expectOk(admin.post('/user/new', { user_id: userId, auto_create_key: false }));
      return userId;
    },
  };
}

export async function expectOk(reply: Promise<{ status: number; body: Record<string, unknown> }>): Promise<Record<string, unknown>> {
  const { status, body } = await reply;
  assert.equal(status, 200, JSON.stringify(body));
  return body;
}
