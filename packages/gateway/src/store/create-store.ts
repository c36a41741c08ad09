// createStore: the one Store implementation over Kysely, on SQLite (default, a file under
// the llmux home) or PostgreSQL (a database URL). Nothing connects until the first query.

import { Kysely, sql } from 'kysely';
import { createDialect } from './create-dialect.js';
import type { Database } from './database-schema.js';
import { migrate } from './migrate.js';
import { createBudgetTagRepository } from './repositories/budget-tag-repository.js';
import { createCustomerRepository } from './repositories/customer-repository.js';
import { createKeyRepository } from './repositories/key-repository.js';
import { createModelAuditRepository } from './repositories/model-audit-repository.js';
import { createOrganizationRepository } from './repositories/organization-repository.js';
import { createSpendActivityRepository } from './repositories/spend-activity-repository.js';
import { createSpendRepository } from './repositories/spend-repository.js';
import { createFilesBatchesRepository } from './repositories/files-batches-repository.js';
import { createStoredResponseRepository } from './repositories/stored-response-repository.js';
import { createTeamRepository } from './repositories/team-repository.js';
import { createUserRepository } from './repositories/user-repository.js';
import type { Store } from './store.js';

export interface StoreOptions {
  /** `postgres://...`; when absent, SQLite under `home`. */
  databaseUrl?: string;
  /** The llmux home folder (default `./.llmux`). */
  home?: string;
}

export const DEFAULT_HOME = './.llmux';

export interface KyselyStore extends Store {
  /** The query builder itself, for tests and tools that read the tables directly. */
  readonly db: Kysely<Database>;
  /** The SQLite file or the URL (password hidden), for log lines. */
  readonly location: string;
}

export function createStore(options: StoreOptions = {}): KyselyStore {
  const choice = createDialect(options.databaseUrl, options.home ?? DEFAULT_HOME);
  const db = new Kysely<Database>({ dialect: choice.dialect });
  return {
    db,
    dialect: choice.name,
    location: choice.location,
    migrate: () => migrate(db, choice.name),
    close: () => db.destroy(),
    ping: async () => {
      await sql`select 1`.execute(db);
    },
    ...createKeyRepository(db),
    ...createUserRepository(db),
    ...createTeamRepository(db),
    ...createCustomerRepository(db),
    ...createSpendRepository(db, choice.name),
    ...createModelAuditRepository(db),
    ...createBudgetTagRepository(db),
    ...createOrganizationRepository(db),
    ...createSpendActivityRepository(db),
    ...createStoredResponseRepository(db),
    ...createFilesBatchesRepository(db),
  };
}
