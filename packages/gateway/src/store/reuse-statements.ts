// Kysely's SQLite driver prepares every query's SQL anew; SQLite then parses and plans it each
// time. For the spend writer's 200-row insert that was a sixth of its thread's time. This
// keeps the most recent prepared statements by SQL text. Reuse is safe: the driver runs a
// statement to completion (all/run) before it returns, and the store never streams rows.

import type { Database as BetterSqlite3Database, Statement } from 'better-sqlite3';
import type { SqliteDatabase } from 'kysely';
import { LRUCache } from 'lru-cache';

const MAX_STATEMENTS = 128;

export function reuseStatements(database: BetterSqlite3Database): SqliteDatabase {
  const statements = new LRUCache<string, Statement>({ max: MAX_STATEMENTS });
  return {
    prepare(sql: string): Statement {
      let statement = statements.get(sql);
      if (statement === undefined) {
        statement = database.prepare(sql);
        statements.set(sql, statement);
      }
      return statement;
    },
    close(): void {
      statements.clear();
      database.close();
    },
  };
}
