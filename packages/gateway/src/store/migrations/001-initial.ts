// The first schema: every table the gateway keeps. Column types are names both SQLite and
// PostgreSQL understand (text, integer, bigint, double precision), so no dialect branch.

import type { CreateTableBuilder, Kysely } from 'kysely';
import type { Migration } from './migration.js';

function limitColumns<T extends string>(table: CreateTableBuilder<T, never>): CreateTableBuilder<T, never> {
  return table
    .addColumn('max_budget', 'double precision')
    .addColumn('budget_duration', 'text')
    .addColumn('budget_reset_at', 'text')
    .addColumn('soft_budget', 'double precision')
    .addColumn('rpm_limit', 'bigint')
    .addColumn('tpm_limit', 'bigint')
    .addColumn('max_parallel_requests', 'bigint');
}

/** The tail a team and an end user (customer) share: a running spend, a block switch, metadata, timestamps and limits. */
function accountColumns<T extends string>(table: CreateTableBuilder<T, never>): CreateTableBuilder<T, never> {
  return limitColumns(
    table
      .addColumn('spend', 'double precision', (column) => column.notNull().defaultTo(0))
      .addColumn('blocked', 'integer', (column) => column.notNull().defaultTo(0))
      .addColumn('metadata', 'text', (column) => column.notNull().defaultTo('{}'))
      .addColumn('created_at', 'text', (column) => column.notNull())
      .addColumn('updated_at', 'text', (column) => column.notNull()),
  );
}

async function up(db: Kysely<unknown>): Promise<void> {
  await limitColumns(
    db.schema
      .createTable('llmux_keys')
      .addColumn('token', 'text', (column) => column.primaryKey())
      .addColumn('key_name', 'text', (column) => column.notNull())
      .addColumn('key_alias', 'text')
      .addColumn('user_id', 'text')
      .addColumn('team_id', 'text')
      .addColumn('models', 'text', (column) => column.notNull().defaultTo('[]'))
      .addColumn('spend', 'double precision', (column) => column.notNull().defaultTo(0))
      .addColumn('model_max_budget', 'text', (column) => column.notNull().defaultTo('{}'))
      .addColumn('model_rpm_limit', 'text', (column) => column.notNull().defaultTo('{}'))
      .addColumn('model_tpm_limit', 'text', (column) => column.notNull().defaultTo('{}'))
      .addColumn('metadata', 'text', (column) => column.notNull().defaultTo('{}'))
      .addColumn('blocked', 'integer', (column) => column.notNull().defaultTo(0))
      .addColumn('expires', 'text')
      .addColumn('created_at', 'text', (column) => column.notNull())
      .addColumn('updated_at', 'text', (column) => column.notNull()),
  ).execute();
  await db.schema.createIndex('llmux_keys_user_id').on('llmux_keys').column('user_id').execute();
  await db.schema.createIndex('llmux_keys_team_id').on('llmux_keys').column('team_id').execute();

  await limitColumns(
    db.schema
      .createTable('llmux_users')
      .addColumn('user_id', 'text', (column) => column.primaryKey())
      .addColumn('user_email', 'text')
      .addColumn('user_alias', 'text')
      .addColumn('user_role', 'text', (column) => column.notNull())
      .addColumn('models', 'text', (column) => column.notNull().defaultTo('[]'))
      .addColumn('spend', 'double precision', (column) => column.notNull().defaultTo(0))
      .addColumn('metadata', 'text', (column) => column.notNull().defaultTo('{}'))
      .addColumn('created_at', 'text', (column) => column.notNull())
      .addColumn('updated_at', 'text', (column) => column.notNull()),
  ).execute();

  await accountColumns(
    db.schema
      .createTable('llmux_teams')
      .addColumn('team_id', 'text', (column) => column.primaryKey())
      .addColumn('team_alias', 'text')
      .addColumn('models', 'text', (column) => column.notNull().defaultTo('[]')),
  ).execute();

  await db.schema
    .createTable('llmux_team_members')
    .addColumn('team_id', 'text', (column) => column.notNull())
    .addColumn('user_id', 'text', (column) => column.notNull())
    .addColumn('role', 'text', (column) => column.notNull())
    .addPrimaryKeyConstraint('llmux_team_members_pk', ['team_id', 'user_id'])
    .execute();
  await db.schema.createIndex('llmux_team_members_user_id').on('llmux_team_members').column('user_id').execute();

  await accountColumns(
    db.schema
      .createTable('llmux_customers')
      .addColumn('user_id', 'text', (column) => column.primaryKey())
      .addColumn('alias', 'text'),
  ).execute();

  await db.schema
    .createTable('llmux_models')
    .addColumn('model_id', 'text', (column) => column.primaryKey())
    .addColumn('model_name', 'text', (column) => column.notNull())
    .addColumn('litellm_params', 'text', (column) => column.notNull())
    .addColumn('model_info', 'text', (column) => column.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (column) => column.notNull())
    .execute();

  await db.schema
    .createTable('llmux_spend_logs')
    .addColumn('request_id', 'text', (column) => column.primaryKey())
    .addColumn('api_key', 'text', (column) => column.notNull())
    .addColumn('user_id', 'text')
    .addColumn('team_id', 'text')
    .addColumn('end_user', 'text')
    .addColumn('model_group', 'text')
    .addColumn('model_id', 'text')
    .addColumn('custom_llm_provider', 'text')
    .addColumn('prompt_tokens', 'bigint', (column) => column.notNull().defaultTo(0))
    .addColumn('completion_tokens', 'bigint', (column) => column.notNull().defaultTo(0))
    .addColumn('cached_tokens', 'bigint', (column) => column.notNull().defaultTo(0))
    .addColumn('total_tokens', 'bigint', (column) => column.notNull().defaultTo(0))
    .addColumn('spend', 'double precision', (column) => column.notNull().defaultTo(0))
    .addColumn('start_time', 'text', (column) => column.notNull())
    .addColumn('end_time', 'text', (column) => column.notNull())
    .addColumn('status', 'text', (column) => column.notNull())
    .addColumn('cache_hit', 'integer', (column) => column.notNull().defaultTo(0))
    .addColumn('request_tags', 'text', (column) => column.notNull().defaultTo('[]'))
    .addColumn('metadata', 'text', (column) => column.notNull().defaultTo('{}'))
    .addColumn('messages', 'text')
    .addColumn('response', 'text')
    .execute();
  for (const column of ['api_key', 'user_id', 'team_id', 'start_time'] as const) {
    await db.schema.createIndex(`llmux_spend_logs_${column}`).on('llmux_spend_logs').column(column).execute();
  }

  await db.schema
    .createTable('llmux_spend_totals')
    .addColumn('entity', 'text', (column) => column.notNull())
    .addColumn('id', 'text', (column) => column.notNull())
    .addColumn('spend', 'double precision', (column) => column.notNull().defaultTo(0))
    .addColumn('budget_reset_at', 'text')
    .addPrimaryKeyConstraint('llmux_spend_totals_pk', ['entity', 'id'])
    .execute();

  await db.schema
    .createTable('llmux_audit_log')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('changed_by', 'text', (column) => column.notNull())
    .addColumn('changed_by_alias', 'text')
    .addColumn('action', 'text', (column) => column.notNull())
    .addColumn('table_name', 'text', (column) => column.notNull())
    .addColumn('object_id', 'text', (column) => column.notNull())
    .addColumn('before_value', 'text')
    .addColumn('updated_values', 'text')
    .addColumn('created_at', 'text', (column) => column.notNull())
    .execute();
  await db.schema.createIndex('llmux_audit_log_created_at').on('llmux_audit_log').column('created_at').execute();
}

export const initialMigration: Migration = { version: 1, name: 'initial', up };
