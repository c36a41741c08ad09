// The overview's "who spends" table: the top keys by spend in the chosen range.

import type { Spender } from '../charts/top-spenders.js';
import { formatCount, formatUsd } from '../format/format-values.js';

export function TopSpendersTable({ spenders, aliases }: { spenders: readonly Spender[]; aliases: ReadonlyMap<string, string | null> }) {
  return (
    <table className="table" data-testid="top-spenders">
      <thead>
        <tr>
          <th>Key</th>
          <th>Requests</th>
          <th>Errors</th>
          <th>Spend</th>
        </tr>
      </thead>
      <tbody>
        {spenders.map((spender) => (
          <tr key={spender.apiKey}>
            <td>{aliases.get(spender.apiKey) ?? (spender.apiKey === '' ? 'master key' : `${spender.apiKey.slice(0, 10)}…`)}</td>
            <td>{formatCount(spender.requests)}</td>
            <td>{formatCount(spender.errors)}</td>
            <td>{formatUsd(spender.spend)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
