// Teams and their members with roles.

import type { Kysely, Transaction } from 'kysely';
import type { TeamMember, TeamRecord } from '../../governance/identity.js';
import type { Database } from '../database-schema.js';
import { teamFromRow, teamToRow } from '../row-codecs.js';
import { upsertRow } from './upsert-row.js';

export function createTeamRepository(db: Kysely<Database>) {
  const membersOf = async (teamIds: readonly string[]): Promise<Map<string, TeamMember[]>> => {
    const members = new Map<string, TeamMember[]>();
    if (teamIds.length === 0) return members;
    const rows = await db.selectFrom('llmux_team_members').selectAll().where('team_id', 'in', teamIds).orderBy('user_id').execute();
    for (const row of rows) {
      const member = memberFromRow(row);
      members.set(row.team_id, [...(members.get(row.team_id) ?? []), member]);
    }
    return members;
  };
  return {
    async getTeam(teamId: string): Promise<TeamRecord | undefined> {
      const row = await db.selectFrom('llmux_teams').selectAll().where('team_id', '=', teamId).executeTakeFirst();
      if (row === undefined) return undefined;
      return teamFromRow(row, (await membersOf([teamId])).get(teamId) ?? []);
    },
    async upsertTeam(team: TeamRecord): Promise<void> {
      const row = teamToRow(team);
      await upsertRow(db, 'llmux_teams', row, 'team_id', ['created_at', 'spend']);
    },
    async deleteTeams(teamIds: readonly string[]): Promise<number> {
      if (teamIds.length === 0) return 0;
      await db.deleteFrom('llmux_team_members').where('team_id', 'in', teamIds).execute();
      const result = await db.deleteFrom('llmux_teams').where('team_id', 'in', teamIds).executeTakeFirst();
      return Number(result.numDeletedRows);
    },
    async listTeams(filter: { user_id?: string }): Promise<TeamRecord[]> {
      let query = db.selectFrom('llmux_teams').selectAll();
      if (filter.user_id !== undefined) {
        const userId = filter.user_id;
        query = query.where('team_id', 'in', db.selectFrom('llmux_team_members').select('team_id').where('user_id', '=', userId));
      }
      const rows = await query.orderBy('created_at').orderBy('team_id').execute();
      const members = await membersOf(rows.map((row) => row.team_id));
      return rows.map((row) => teamFromRow(row, members.get(row.team_id) ?? []));
    },
    /**
     * Adds (or re-roles) and removes members in one transaction, under the team row's lock,
     * and returns the members after. Routes that add or remove one member use this rather
     * than read-then-setTeamMembers, which loses concurrent changes to one team.
     */
    async changeTeamMembers(teamId: string, change: { upsert?: readonly TeamMember[]; remove?: readonly string[] }): Promise<TeamMember[]> {
      return db.transaction().execute(async (transaction) => {
        await lockTeamRow(transaction, teamId);
        const remove = change.remove ?? [];
        if (remove.length > 0) await transaction.deleteFrom('llmux_team_members').where('team_id', '=', teamId).where('user_id', 'in', remove).execute();
        await upsertMembers(transaction, teamId, change.upsert ?? []);
        const rows = await transaction.selectFrom('llmux_team_members').selectAll().where('team_id', '=', teamId).orderBy('user_id').execute();
        return rows.map(memberFromRow);
      });
    },
    async setTeamMembers(teamId: string, members: readonly TeamMember[]): Promise<void> {
      await db.transaction().execute(async (transaction) => {
        await lockTeamRow(transaction, teamId);
        await transaction.deleteFrom('llmux_team_members').where('team_id', '=', teamId).execute();
        await upsertMembers(transaction, teamId, members);
      });
    },
  };
}

/**
 * A no-op update of the team row: on PostgreSQL it locks the row, so concurrent writes of one
 * team's members run one after the other instead of deadlocking or colliding on the primary
 * key (SQLite serialises write transactions anyway). Portable, unlike FOR UPDATE.
 */
async function lockTeamRow(transaction: Transaction<Database>, teamId: string): Promise<void> {
  await transaction
    .updateTable('llmux_teams')
    .set((eb) => ({ team_id: eb.ref('team_id') }))
    .where('team_id', '=', teamId)
    .execute();
}

/** A membership row as a member; the budget only when one is set (migration 7). */
function memberFromRow(row: { user_id: string; role: string; max_budget_in_team?: number | null }): TeamMember {
  const member: TeamMember = { user_id: row.user_id, role: row.role === 'admin' ? 'admin' : 'user' };
  if (row.max_budget_in_team !== null && row.max_budget_in_team !== undefined) member.max_budget_in_team = Number(row.max_budget_in_team);
  return member;
}

/** Inserts members, or changes the role of those already in (a team written before its row exists is not locked). */
async function upsertMembers(transaction: Transaction<Database>, teamId: string, members: readonly TeamMember[]): Promise<void> {
  if (members.length === 0) return;
  await transaction
    .insertInto('llmux_team_members')
    .values(members.map((member) => ({ team_id: teamId, user_id: member.user_id, role: member.role })))
    .onConflict((conflict) => conflict.columns(['team_id', 'user_id']).doUpdateSet((eb) => ({ role: eb.ref('excluded.role') })))
    .execute();
  // A member budget changes only when given (null clears it); a role change keeps it.
  for (const member of members) {
    if (member.max_budget_in_team === undefined) continue;
    await transaction
      .updateTable('llmux_team_members')
      .set({ max_budget_in_team: member.max_budget_in_team })
      .where('team_id', '=', teamId)
      .where('user_id', '=', member.user_id)
      .execute();
  }
}
