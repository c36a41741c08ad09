// Files and batches (/v1/files, /v1/batches): the gateway's id for each, the provider's id
// and the deployment holding it, who made it (only they, their team and admins see it), the
// object as last read, and whether an output file's content was billed (once).

import type { Kysely } from 'kysely';
import type { Migration } from './migration.js';

async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('llmux_files_batches')
    .addColumn('id', 'text', (column) => column.primaryKey())
    // 'file' or 'batch'.
    .addColumn('kind', 'text', (column) => column.notNull())
    .addColumn('upstream_id', 'text', (column) => column.notNull())
    .addColumn('model_group', 'text', (column) => column.notNull())
    .addColumn('deployment_id', 'text', (column) => column.notNull())
    // sha256 hex of the virtual key that made it, '' for the master key or no key (as spend rows).
    .addColumn('api_key', 'text', (column) => column.notNull())
    .addColumn('user_id', 'text')
    .addColumn('team_id', 'text')
    .addColumn('object', 'text', (column) => column.notNull())
    .addColumn('billed', 'integer', (column) => column.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (column) => column.notNull())
    .execute();
  await db.schema.createIndex('llmux_files_batches_owner').on('llmux_files_batches').columns(['kind', 'api_key']).execute();
  await db.schema.createIndex('llmux_files_batches_upstream').on('llmux_files_batches').columns(['deployment_id', 'upstream_id']).execute();
}

export const filesBatchesMigration: Migration = { version: 6, name: 'files-batches', up };
