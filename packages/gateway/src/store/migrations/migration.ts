// A schema step. Versions only grow; a released migration is never edited, only followed.

import type { Kysely } from 'kysely';

export interface Migration {
  version: number;
  name: string;
  // The schema builder is untyped on purpose: migrations describe tables that may differ from today's types.
  up(db: Kysely<unknown>): Promise<void>;
}
