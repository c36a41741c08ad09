// The overview's "who spends" table: the top keys by spend in the chosen range.

import type { Spender } from '../charts/top-spenders.js';
import { DataTable } from './data-table.js';
import { formatCount, formatUsd } from '../format/format-values.js';

export function TopSpendersTable({ spenders, aliases }: { spenders: readonly Spender[]; aliases: ReadonlyMap<string, string | null> }) {
  return (
    <DataTable rows={spenders} columns={['Key', 'Requests', 'Errors', 'Spend']} testId="top-spenders">
      {(spender) => (
        <tr key={spender.apiKey}>
          <td>{aliases.get(spender.apiKey) ?? (spender.apiKey === '' ? 'master key' : `${spender.apiKey.slice(0, 10)}…`)}</td>
          <td>{formatCount(spender.requests)}</td>
          <td>{formatCount(spender.errors)}</td>
          <td>{formatUsd(spender.spend)}</td>
        </tr>
      )}
    </DataTable>
  );
}
