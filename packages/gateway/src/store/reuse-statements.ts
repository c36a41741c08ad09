// Kysely's SQLite driver prepares every query's SQL anew; SQLite then parses and plans it each
// time. For the spend writer's 200-row insert that was a sixth of its thread's time. This
// keeps the most recent prepared statements by SQL text. Reuse is safe: the driver runs a
// statement to completion (all/run) before it returns, and the store never streams rows.

import type { Database as BetterSqlite3Database, Statement } from 'better-sqlite3';
import type { SqliteDatabase } from 'kysely';

const MAX_STATEMENTS = 128;

export function reuseStatements(database: BetterSqlite3Database): SqliteDatabase {
  const statements = new Map<string, Statement>();
  return {
    prepare(sql: string): Statement {
      let statement = statements.get(sql);
      if (statement !== undefined) {
        // Most recent last, so the first entry is the least recently used.
        statements.delete(sql);
      } else {
        statement = database.prepare(sql);
        if (statements.size >= MAX_STATEMENTS) statements.delete(statements.keys().next().value as string);
      }
      statements.set(sql, statement);
      return statement;
    },
    close(): void {
      statements.clear();
      database.close();
    },
  };
}
