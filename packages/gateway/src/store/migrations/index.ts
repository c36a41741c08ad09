// Every migration, in order. Append only.

import { initialMigration } from './001-initial.js';
import { spendIdentityMigration } from './002-spend-identity.js';
import { storedResponsesMigration } from './003-stored-responses.js';
import { litellmEntitiesMigration } from './004-litellm-entities.js';
import { spendCallTypeMigration } from './005-spend-call-type.js';
import { filesBatchesMigration } from './006-files-batches.js';
import { teamMemberBudgetMigration } from './007-team-member-budget.js';
import type { Migration } from './migration.js';

export const MIGRATIONS: readonly Migration[] = [
  initialMigration,
  spendIdentityMigration,
  storedResponsesMigration,
  litellmEntitiesMigration,
  spendCallTypeMigration,
  filesBatchesMigration,
  teamMemberBudgetMigration,
];
export type { Migration } from './migration.js';
