// A DataTable over rows still being loaded: the loading and error panels until they arrive.
// List pages that show what they loaded as it came need no more than this.

import type { LoadState } from '../session/use-api-data.js';
import { DataTable, type DataTableProps } from './data-table.js';
import { LoadView } from './load-view.js';

interface LoadedTableProps<Row> extends Omit<DataTableProps<Row>, 'rows'> {
  state: LoadState<readonly Row[]>;
  onRetry: () => void;
}

export function LoadedTable<Row>({ state, onRetry, ...table }: LoadedTableProps<Row>) {
  return (
    <LoadView state={state} onRetry={onRetry}>
      {(rows) => <DataTable rows={rows} {...table} />}
    </LoadView>
  );
}
