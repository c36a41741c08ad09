// Spend rows get the client's x-request-id as a column of its own (the primary key is the
// gateway's id, so colliding client ids no longer drop rows), and a ledger of applied spend
// batches makes replaying a spooled batch add its totals at most once.

import type { Kysely } from 'kysely';
import type { Migration } from './migration.js';

async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('llmux_spend_logs').addColumn('client_request_id', 'text').execute();
  await db.schema.createIndex('llmux_spend_logs_client_request_id').on('llmux_spend_logs').column('client_request_id').execute();
  await db.schema
    .createTable('llmux_spend_batches')
    .addColumn('batch_id', 'text', (column) => column.primaryKey())
    .addColumn('applied_at', 'text', (column) => column.notNull())
    .execute();
  await db.schema.createIndex('llmux_spend_batches_applied_at').on('llmux_spend_batches').column('applied_at').execute();
}

export const spendIdentityMigration: Migration = { version: 2, name: 'spend-identity', up };
