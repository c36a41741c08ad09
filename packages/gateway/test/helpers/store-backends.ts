// The two store backends every store test runs against: a SQLite file in a temp folder and
// a fresh database on the real PostgreSQL at 127.0.0.1:5432 (dropped afterwards). When
// PostgreSQL is unreachable its tests skip with a loud reason; the database is never mocked.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';

const POSTGRES_ADMIN_URL = process.env['LLMUX_TEST_POSTGRES_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface Backend {
  name: 'sqlite' | 'postgres';
  /** Store options for this backend: `home` for SQLite, `databaseUrl` for PostgreSQL. */
  options: { home?: string; databaseUrl?: string };
  cleanup(): Promise<void>;
}

export function sqliteBackend(): Backend {
  const home = mkdtempSync(join(tmpdir(), 'llmux-store-'));
  return { name: 'sqlite', options: { home }, cleanup: async () => rmSync(home, { recursive: true, force: true }) };
}

/** A fresh database, or a string saying why PostgreSQL is not reachable. */
export async function postgresBackend(): Promise<Backend | string> {
  const admin = new pg.Client({ connectionString: POSTGRES_ADMIN_URL, connectionTimeoutMillis: 2000 });
  const name = `llmux_test_${randomBytes(6).toString('hex')}`;
  try {
    await admin.connect();
    await admin.query(`create database ${name}`);
  } catch (error) {
    await admin.end().catch(() => undefined);
    return `PostgreSQL not reachable at ${POSTGRES_ADMIN_URL}: ${error instanceof Error ? error.message : String(error)}`;
  }
  await admin.end();
  const url = new URL(POSTGRES_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    name: 'postgres',
    options: { databaseUrl: url.toString() },
    cleanup: async () => {
      const dropper = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
      await dropper.connect();
      await dropper.query(`drop database if exists ${name} with (force)`);
      await dropper.end();
    },
  };
}

/** Both backends by name, creating each lazily in the suite's before(). */
export const BACKEND_NAMES = ['sqlite', 'postgres'] as const;

export async function openBackend(name: (typeof BACKEND_NAMES)[number]): Promise<Backend | string> {
  return name === 'sqlite' ? sqliteBackend() : postgresBackend();
}
