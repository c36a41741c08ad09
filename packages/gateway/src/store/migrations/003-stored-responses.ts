// Stored Responses (POST /v1/responses with store unset or true): the Response object, the
// input items it answered, who made it and which deployment served it, so GET, DELETE,
// input_items and previous_response_id work on every provider. Rows expire (retention sweep).

import type { Kysely } from 'kysely';
import type { Migration } from './migration.js';

async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('llmux_responses')
    .addColumn('id', 'text', (column) => column.primaryKey())
    // sha256 hex of the virtual key that made it, '' for the master key or no key (as spend rows).
    .addColumn('api_key', 'text', (column) => column.notNull())
    .addColumn('user_id', 'text')
    .addColumn('team_id', 'text')
    .addColumn('model_group', 'text', (column) => column.notNull())
    .addColumn('deployment_id', 'text')
    .addColumn('native', 'integer', (column) => column.notNull().defaultTo(0))
    .addColumn('previous_response_id', 'text')
    .addColumn('input_items', 'text', (column) => column.notNull())
    .addColumn('response', 'text', (column) => column.notNull())
    .addColumn('created_at', 'text', (column) => column.notNull())
    .addColumn('expires_at', 'text', (column) => column.notNull())
    .execute();
  await db.schema.createIndex('llmux_responses_expires_at').on('llmux_responses').column('expires_at').execute();
  await db.schema.createIndex('llmux_responses_api_key').on('llmux_responses').column('api_key').execute();
}

export const storedResponsesMigration: Migration = { version: 3, name: 'stored-responses', up };
