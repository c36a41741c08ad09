// Every migration, in order. Append only.

import { initialMigration } from './001-initial.js';
import type { Migration } from './migration.js';

export const MIGRATIONS: readonly Migration[] = [initialMigration];
export type { Migration } from './migration.js';
