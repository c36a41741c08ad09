// A table of rows under one header row of column titles, or a note in its place when there
// are no rows: every list in the dashboard is drawn this way, so the markup lives here once.

import type { ReactNode } from 'react';
import { EmptyState } from './empty-state.js';

export interface DataTableProps<Row> {
  columns: readonly string[];
  rows: readonly Row[];
  /** Draws one row's `<tr>`, keyed by the caller (rows know their own identity). */
  children: (row: Row, index: number) => ReactNode;
  /** Shown in an EmptyState instead of the table when there are no rows; without it an empty table is drawn. */
  empty?: ReactNode;
  className?: string;
  testId?: string;
}

export function DataTable<Row>({ columns, rows, children, empty, className = 'table', testId }: DataTableProps<Row>) {
  if (rows.length === 0 && empty !== undefined) return <EmptyState>{empty}</EmptyState>;
  return (
    <table className={className} data-testid={testId}>
      <thead>
        <tr>
          {columns.map((column) => (
            <th key={column}>{column}</th>
          ))}
        </tr>
      </thead>
      <tbody>{rows.map(children)}</tbody>
    </table>
  );
}
