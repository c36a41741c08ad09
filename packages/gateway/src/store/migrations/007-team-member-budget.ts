// LiteLLM's team member budget (`max_budget_in_team` on /team/member_add and /team/member_update):
// what one member may spend on the team's keys, kept with the membership. Null: no cap.

import type { Kysely } from 'kysely';
import type { Migration } from './migration.js';

async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('llmux_team_members').addColumn('max_budget_in_team', 'double precision').execute();
}

export const teamMemberBudgetMigration: Migration = { version: 7, name: 'team-member-budget', up };
