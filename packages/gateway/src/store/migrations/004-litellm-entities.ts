// LiteLLM's shared budget rows and the entities that use them (issue 18): budgets
// (/budget/*) referenced by tags, organizations, customers and keys through `budget_id`;
// tags (/tag/*); organizations with their members, and teams belonging to one. Spend rows
// get the reply's own id (chatcmpl-…, msg_…, resp_…), which LiteLLM's request_id is, so
// /spend/logs?request_id=<the reply's id> finds the row. Tag and organization spend live
// in llmux_spend_totals (entities 'tag' and 'organization'), which needs no column.

import type { CreateTableBuilder, Kysely } from 'kysely';
import type { Migration } from './migration.js';

/** Who made and last changed a row, and when (LiteLLM's created_by / updated_by). */
function authorColumns<T extends string>(table: CreateTableBuilder<T, never>): CreateTableBuilder<T, never> {
  return table
    .addColumn('created_by', 'text', (column) => column.notNull())
    .addColumn('updated_by', 'text', (column) => column.notNull())
    .addColumn('created_at', 'text', (column) => column.notNull())
    .addColumn('updated_at', 'text', (column) => column.notNull());
}

async function up(db: Kysely<unknown>): Promise<void> {
  await authorColumns(
    db.schema
      .createTable('llmux_budgets')
      .addColumn('budget_id', 'text', (column) => column.primaryKey())
      .addColumn('max_budget', 'double precision')
      .addColumn('soft_budget', 'double precision')
      .addColumn('budget_duration', 'text')
      .addColumn('budget_reset_at', 'text')
      .addColumn('rpm_limit', 'bigint')
      .addColumn('tpm_limit', 'bigint')
      .addColumn('max_parallel_requests', 'bigint')
      .addColumn('model_max_budget', 'text', (column) => column.notNull().defaultTo('{}')),
  ).execute();

  await db.schema
    .createTable('llmux_tags')
    .addColumn('tag_name', 'text', (column) => column.primaryKey())
    .addColumn('description', 'text')
    .addColumn('models', 'text', (column) => column.notNull().defaultTo('[]'))
    .addColumn('budget_id', 'text')
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (column) => column.notNull())
    .addColumn('updated_at', 'text', (column) => column.notNull())
    .execute();

  await authorColumns(
    db.schema
      .createTable('llmux_organizations')
      .addColumn('organization_id', 'text', (column) => column.primaryKey())
      .addColumn('organization_alias', 'text')
      .addColumn('budget_id', 'text')
      .addColumn('models', 'text', (column) => column.notNull().defaultTo('[]'))
      .addColumn('metadata', 'text', (column) => column.notNull().defaultTo('{}'))
      .addColumn('blocked', 'integer', (column) => column.notNull().defaultTo(0)),
  ).execute();

  await db.schema
    .createTable('llmux_organization_members')
    .addColumn('organization_id', 'text', (column) => column.notNull())
    .addColumn('user_id', 'text', (column) => column.notNull())
    .addColumn('user_role', 'text', (column) => column.notNull())
    .addColumn('created_at', 'text', (column) => column.notNull())
    .addColumn('updated_at', 'text', (column) => column.notNull())
    .addPrimaryKeyConstraint('llmux_organization_members_pk', ['organization_id', 'user_id'])
    .execute();
  await db.schema.createIndex('llmux_organization_members_user_id').on('llmux_organization_members').column('user_id').execute();

  await db.schema.alterTable('llmux_teams').addColumn('organization_id', 'text').execute();
  await db.schema.alterTable('llmux_keys').addColumn('budget_id', 'text').execute();
  await db.schema.alterTable('llmux_customers').addColumn('budget_id', 'text').execute();

  await db.schema.alterTable('llmux_spend_logs').addColumn('response_id', 'text').execute();
  await db.schema.createIndex('llmux_spend_logs_response_id').on('llmux_spend_logs').column('response_id').execute();
}

export const litellmEntitiesMigration: Migration = { version: 4, name: 'litellm-entities', up };
