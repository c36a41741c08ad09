// Brings the schema up to date on start. Each step runs in its own transaction with its
// version row, so a crash leaves the schema at a known version. A schema newer than this
// code knows means an older gateway is starting against a newer database: refuse, never guess.

import { sql, type Kysely } from 'kysely';
import type { Database } from './database-schema.js';
import { MIGRATIONS } from './migrations/index.js';

export class SchemaTooNewError extends Error {
  constructor(found: number, known: number) {
    super(
      `the database schema is at version ${found}, but this llmux knows versions up to ${known}; ` +
        'upgrade llmux (or point it at another database) instead of running an older version against it',
    );
    this.name = 'SchemaTooNewError';
  }
}

export const LATEST_SCHEMA_VERSION = MIGRATIONS.reduce((latest, migration) => Math.max(latest, migration.version), 0);

export async function migrate(db: Kysely<Database>, dialect: 'sqlite' | 'postgres'): Promise<void> {
  await db.schema
    .createTable('llmux_schema_version')
    .ifNotExists()
    .addColumn('version', 'integer', (column) => column.primaryKey())
    .addColumn('name', 'text', (column) => column.notNull())
    .addColumn('applied_at', 'text', (column) => column.notNull())
    .execute();
  await db.transaction().execute(async (transaction) => {
    // Several instances may start at once against one PostgreSQL: one migrates, the others wait.
    if (dialect === 'postgres') await sql`select pg_advisory_xact_lock(7461626)`.execute(transaction);
    const current = await currentVersion(transaction);
    if (current > LATEST_SCHEMA_VERSION) throw new SchemaTooNewError(current, LATEST_SCHEMA_VERSION);
    for (const migration of MIGRATIONS) {
      if (migration.version <= current) continue;
      // Migrations describe past schemas, so they take the untyped builder (see migration.ts).
      await migration.up(transaction as unknown as Kysely<unknown>);
      await transaction.insertInto('llmux_schema_version').values({ version: migration.version, name: migration.name, applied_at: new Date().toISOString() }).execute();
    }
  });
}

async function currentVersion(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom('llmux_schema_version')
    .select((builder) => builder.fn.max('version').as('version'))
    .executeTakeFirst();
  return Number(row?.version ?? 0);
}
