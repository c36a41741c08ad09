// The Kysely dialect for a store: PostgreSQL for a `postgres://` URL, else a SQLite file
// under the llmux home. Neither connects here; the first query opens the connection.

import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { PostgresDialect, SqliteDialect, type Dialect } from 'kysely';
import pg from 'pg';
import { reuseStatements } from './reuse-statements.js';

export interface DialectChoice {
  dialect: Dialect;
  name: 'sqlite' | 'postgres';
  /** For messages: the file or the URL without its password. */
  location: string;
}

const INT8_OID = 20;

export function createDialect(databaseUrl: string | undefined, home: string): DialectChoice {
  if (databaseUrl !== undefined && databaseUrl !== '') {
    // COUNT(*) and bigint columns come back as strings by default; our values fit a double.
    const types = {
      getTypeParser: (oid: number, format?: 'text' | 'binary') => (oid === INT8_OID ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format ?? 'text')),
    };
    const pool = new pg.Pool({ connectionString: databaseUrl, types, max: 10 });
    // A connection the server drops (restart, pg_terminate_backend) emits 'error': on the pool
    // when idle, on the client when checked out between queries (inside a transaction).
    // Unheard, either crashes the gateway; the failed query reports it and the pool reconnects.
    pool.on('error', () => undefined);
    pool.on('connect', (client) => client.on('error', () => undefined));
    return { dialect: new PostgresDialect({ pool }), name: 'postgres', location: redactUrl(databaseUrl) };
  }
  const file = join(home, 'llmux.db');
  return {
    name: 'sqlite',
    location: file,
    dialect: new SqliteDialect({
      database: async () => {
        mkdirSync(home, { recursive: true });
        const database = new BetterSqlite3(file);
        // WAL lets readers proceed while the spend writer commits; busy_timeout covers other processes.
        database.pragma('journal_mode = WAL');
        // In WAL mode NORMAL is crash-safe for the process (a commit survives the gateway
        // dying); only a power cut can lose the last commits. FULL would fsync on every
        // commit, on the event loop's thread.
        database.pragma('synchronous = NORMAL');
        database.pragma('busy_timeout = 5000');
        return reuseStatements(database);
      },
    }),
  };
}

function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password !== '') parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'postgres (unparseable URL)';
  }
}
