// Spend rows get the operation's `call_type` (LiteLLM's name: acompletion, aembedding,
// anthropic_messages, ...) as a column of their own, as LiteLLM's SpendLogs has it, so that
// /spend/logs reports it and it can be filtered on. Rows written before it carried it only
// in their metadata JSON; those are filled from there, with a LIKE per call type (portable
// SQL for SQLite and PostgreSQL, whose JSON functions differ).

import { sql, type Kysely } from 'kysely';
import type { Migration } from './migration.js';

/** Every call_type llmux wrote before this migration. */
const CALL_TYPES = [
  'acompletion',
  'aembedding',
  'anthropic_messages',
  'aresponses',
  'atext_completion',
  'amoderation',
  'arerank',
  'aimage_generation',
  'aimage_edit',
  'atranscription',
  'aspeech',
] as const;

async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('llmux_spend_logs').addColumn('call_type', 'text').execute();
  await db.schema.createIndex('llmux_spend_logs_call_type').on('llmux_spend_logs').column('call_type').execute();
  for (const callType of CALL_TYPES) {
    await sql`update llmux_spend_logs set call_type = ${callType} where call_type is null and metadata like ${`%"call_type":"${callType}"%`}`.execute(db);
  }
}

export const spendCallTypeMigration: Migration = { version: 5, name: 'spend-call-type', up };
