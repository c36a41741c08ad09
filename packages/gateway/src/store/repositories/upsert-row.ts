// The one upsert the entity repositories share: insert the row, or on its id update every
// column except those the first insert owns (the id, its creation, running spend).

import type { Kysely } from 'kysely';
import type { Database } from '../database-schema.js';

type TableName = keyof Database & string;
type ColumnOf<Table extends TableName> = keyof Database[Table] & string;

export async function upsertRow<Table extends TableName>(
  db: Kysely<Database>,
  table: Table,
  row: Database[Table],
  idColumn: ColumnOf<Table>,
  keptColumns: ReadonlyArray<ColumnOf<Table>>,
): Promise<void> {
  const values: Record<string, unknown> = { ...row };
  const changes: Record<string, unknown> = { ...values };
  delete changes[idColumn];
  for (const column of keptColumns) delete changes[column];
  // Kysely cannot follow a table chosen by a type parameter through values() and
  // doUpdateSet(); the signature above already ties the row and columns to that table.
  const anyTable = db as unknown as Kysely<Record<string, Record<string, unknown>>>;
  const name: string = table;
  await anyTable
    .insertInto(name)
    .values(values)
    .onConflict((conflict) => conflict.column(idColumn).doUpdateSet(changes))
    .execute();
}
