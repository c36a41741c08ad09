// Users (internal users of the gateway) and their team memberships.

import type { Kysely } from 'kysely';
import type { UserRecord } from '../../governance/identity.js';
import type { Database } from '../database-schema.js';
import { userFromRow, userToRow } from '../row-codecs.js';
import type { ListPage } from '../store.js';
import { upsertRow } from './upsert-row.js';

export function createUserRepository(db: Kysely<Database>) {
  const teamsOf = async (userIds: readonly string[]): Promise<Map<string, string[]>> => {
    const teams = new Map<string, string[]>();
    if (userIds.length === 0) return teams;
    const rows = await db.selectFrom('llmux_team_members').select(['user_id', 'team_id']).where('user_id', 'in', userIds).orderBy('team_id').execute();
    for (const row of rows) teams.set(row.user_id, [...(teams.get(row.user_id) ?? []), row.team_id]);
    return teams;
  };
  return {
    async getUser(userId: string): Promise<UserRecord | undefined> {
      const row = await db.selectFrom('llmux_users').selectAll().where('user_id', '=', userId).executeTakeFirst();
      if (row === undefined) return undefined;
      return userFromRow(row, (await teamsOf([userId])).get(userId) ?? []);
    },
    async upsertUser(user: UserRecord): Promise<void> {
      const row = userToRow(user);
      await upsertRow(db, 'llmux_users', row, 'user_id', ['created_at', 'spend']);
    },
    async deleteUsers(userIds: readonly string[]): Promise<number> {
      if (userIds.length === 0) return 0;
      await db.deleteFrom('llmux_team_members').where('user_id', 'in', userIds).execute();
      const result = await db.deleteFrom('llmux_users').where('user_id', 'in', userIds).executeTakeFirst();
      return Number(result.numDeletedRows);
    },
    async listUsers(filter: { user_role?: string; team_id?: string }, page: ListPage): Promise<{ users: UserRecord[]; total: number }> {
      let query = db.selectFrom('llmux_users');
      if (filter.user_role !== undefined) query = query.where('user_role', '=', filter.user_role);
      if (filter.team_id !== undefined) {
        const teamId = filter.team_id;
        query = query.where('user_id', 'in', db.selectFrom('llmux_team_members').select('user_id').where('team_id', '=', teamId));
      }
      const count = await query.select((builder) => builder.fn.countAll<number>().as('total')).executeTakeFirst();
      const rows = await query
        .selectAll()
        .orderBy('created_at')
        .orderBy('user_id')
        .limit(page.size)
        .offset((page.page - 1) * page.size)
        .execute();
      const teams = await teamsOf(rows.map((row) => row.user_id));
      return { users: rows.map((row) => userFromRow(row, teams.get(row.user_id) ?? [])), total: Number(count?.total ?? 0) };
    },
  };
}
