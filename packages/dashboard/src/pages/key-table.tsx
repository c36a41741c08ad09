// The keys table, with per-row actions for admins.

import type { KeyRow } from '../api/records.js';
import { BudgetBar } from '../components/budget-bar.js';
import { EmptyState } from '../components/empty-state.js';
import { formatCount, formatList, formatTime } from '../format/format-values.js';

interface KeyTableProps {
  keys: readonly KeyRow[];
  writable: boolean;
  onEdit: (key: KeyRow) => void;
  onBlock: (key: KeyRow, blocked: boolean) => void;
  onDelete: (key: KeyRow) => void;
}

export function KeyTable({ keys, writable, onEdit, onBlock, onDelete }: KeyTableProps) {
  if (keys.length === 0) return <EmptyState>No keys yet.{writable ? ' Create one above.' : ''}</EmptyState>;
  return (
    <table className="table" data-testid="keys-table">
      <thead>
        <tr>
          <th>Key</th>
          <th>Models</th>
          <th>Spend / budget</th>
          <th>RPM / TPM</th>
          <th>Team</th>
          <th>Created</th>
          <th>Status</th>
          {writable && <th>Actions</th>}
        </tr>
      </thead>
      <tbody>
        {keys.map((key) => (
          <tr key={key.token} data-key-alias={key.keyAlias ?? undefined}>
            <td>
              {key.keyAlias ?? '(no alias)'}
              <div className="muted mono">{key.keyName ?? `${key.token.slice(0, 10)}…`}</div>
            </td>
            <td>{formatList(key.models)}</td>
            <td>
              <BudgetBar spend={key.spend} maxBudget={key.maxBudget} />
            </td>
            <td>
              {formatCount(key.rpmLimit)} / {formatCount(key.tpmLimit)}
            </td>
            <td className="mono">{key.teamId ?? '—'}</td>
            <td>{formatTime(key.createdAt)}</td>
            <td>{key.blocked ? <span className="badge badge-bad">blocked</span> : <span className="badge badge-good">active</span>}</td>
            {writable && (
              <td>
                <div className="row-actions">
                  <button type="button" onClick={() => onEdit(key)}>
                    Edit
                  </button>
                  <button type="button" onClick={() => onBlock(key, !key.blocked)}>
                    {key.blocked ? 'Unblock' : 'Block'}
                  </button>
                  <button type="button" className="danger" onClick={() => onDelete(key)}>
                    Delete
                  </button>
                </div>
              </td>
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
