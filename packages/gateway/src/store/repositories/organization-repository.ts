// Organizations (/organization/*): their rows, their members with a role each, and the
// teams that belong to them (llmux_teams.organization_id).

import type { Kysely, Transaction } from 'kysely';
import type { Database, OrganizationMembersTable, OrganizationsTable } from '../database-schema.js';
import { parseJson, toDate } from '../row-codecs.js';
import type { OrganizationMember, OrganizationRecord } from '../store.js';
import { upsertRow } from './upsert-row.js';

function organizationFromRow(row: OrganizationsTable): OrganizationRecord {
  return {
    ...row,
    models: parseJson(row.models, []),
    metadata: parseJson(row.metadata, {}),
    blocked: row.blocked === 1,
    created_at: toDate(row.created_at),
    updated_at: toDate(row.updated_at),
  };
}

function memberFromRow(row: OrganizationMembersTable): OrganizationMember {
  return { ...row, created_at: toDate(row.created_at), updated_at: toDate(row.updated_at) };
}

export function createOrganizationRepository(db: Kysely<Database>) {
  return {
    async getOrganization(organizationId: string): Promise<OrganizationRecord | undefined> {
      const row = await db.selectFrom('llmux_organizations').selectAll().where('organization_id', '=', organizationId).executeTakeFirst();
      return row === undefined ? undefined : organizationFromRow(row);
    },
    async listOrganizations(filter: { user_id?: string }): Promise<OrganizationRecord[]> {
      let query = db.selectFrom('llmux_organizations').selectAll();
      const userId = filter.user_id;
      if (userId !== undefined) query = query.where('organization_id', 'in', db.selectFrom('llmux_organization_members').select('organization_id').where('user_id', '=', userId));
      return (await query.orderBy('created_at').orderBy('organization_id').execute()).map(organizationFromRow);
    },
    async upsertOrganization(organization: OrganizationRecord): Promise<void> {
      const row: OrganizationsTable = {
        ...organization,
        models: JSON.stringify(organization.models),
        metadata: JSON.stringify(organization.metadata),
        blocked: organization.blocked ? 1 : 0,
        created_at: organization.created_at.toISOString(),
        updated_at: organization.updated_at.toISOString(),
      };
      await upsertRow(db, 'llmux_organizations', row, 'organization_id', ['created_at', 'created_by']);
    },
    async deleteOrganizations(organizationIds: readonly string[]): Promise<number> {
      if (organizationIds.length === 0) return 0;
      return db.transaction().execute(async (transaction) => {
        await transaction.deleteFrom('llmux_organization_members').where('organization_id', 'in', organizationIds).execute();
        await transaction.updateTable('llmux_teams').set({ organization_id: null }).where('organization_id', 'in', organizationIds).execute();
        const result = await transaction.deleteFrom('llmux_organizations').where('organization_id', 'in', organizationIds).executeTakeFirst();
        return Number(result.numDeletedRows);
      });
    },
    async listOrganizationMembers(organizationIds: readonly string[]): Promise<OrganizationMember[]> {
      if (organizationIds.length === 0) return [];
      const rows = await db
        .selectFrom('llmux_organization_members')
        .selectAll()
        .where('organization_id', 'in', organizationIds)
        .orderBy('organization_id')
        .orderBy('user_id')
        .execute();
      return rows.map(memberFromRow);
    },
    async changeOrganizationMembers(organizationId: string, change: { upsert?: readonly OrganizationMember[]; remove?: readonly string[] }): Promise<OrganizationMember[]> {
      return db.transaction().execute(async (transaction) => {
        await lockOrganizationRow(transaction, organizationId);
        const remove = change.remove ?? [];
        if (remove.length > 0) await transaction.deleteFrom('llmux_organization_members').where('organization_id', '=', organizationId).where('user_id', 'in', remove).execute();
        const upsert = change.upsert ?? [];
        if (upsert.length > 0) {
          await transaction
            .insertInto('llmux_organization_members')
            .values(upsert.map((member) => ({ ...member, created_at: member.created_at.toISOString(), updated_at: member.updated_at.toISOString() })))
            .onConflict((conflict) =>
              conflict.columns(['organization_id', 'user_id']).doUpdateSet((eb) => ({ user_role: eb.ref('excluded.user_role'), updated_at: eb.ref('excluded.updated_at') })),
            )
            .execute();
        }
        const rows = await transaction.selectFrom('llmux_organization_members').selectAll().where('organization_id', '=', organizationId).orderBy('user_id').execute();
        return rows.map(memberFromRow);
      });
    },
    async listTeamsOfOrganizations(organizationIds: readonly string[]): Promise<Array<{ team_id: string; organization_id: string }>> {
      if (organizationIds.length === 0) return [];
      const rows = await db.selectFrom('llmux_teams').select(['team_id', 'organization_id']).where('organization_id', 'in', organizationIds).orderBy('team_id').execute();
      return rows.map((row) => ({ team_id: row.team_id, organization_id: row.organization_id ?? '' }));
    },
  };
}

/** A no-op update that locks the organization row on PostgreSQL, so concurrent member changes queue (as the team repository does). */
async function lockOrganizationRow(transaction: Transaction<Database>, organizationId: string): Promise<void> {
  await transaction
    .updateTable('llmux_organizations')
    .set((eb) => ({ organization_id: eb.ref('organization_id') }))
    .where('organization_id', '=', organizationId)
    .execute();
}
