// The keys table, with per-row actions for admins.

import type { KeyRow } from '../api/records.js';
import { BudgetBar } from '../components/budget-bar.js';
import { BlockedBadge } from '../components/blocked-badge.js';
import { DataTable } from '../components/data-table.js';
import { formatCount, formatList, formatTime } from '../format/format-values.js';

interface KeyTableProps {
  keys: readonly KeyRow[];
  writable: boolean;
  onEdit: (key: KeyRow) => void;
  onBlock: (key: KeyRow, blocked: boolean) => void;
  onDelete: (key: KeyRow) => void;
}

const KEY_COLUMNS = ['Key', 'Models', 'Spend / budget', 'RPM / TPM', 'Team', 'Created', 'Status'];

export function KeyTable({ keys, writable, onEdit, onBlock, onDelete }: KeyTableProps) {
  return (
    <DataTable rows={keys} columns={writable ? [...KEY_COLUMNS, 'Actions'] : KEY_COLUMNS} empty={<>No keys yet.{writable ? ' Create one above.' : ''}</>} testId="keys-table">
      {(key) => (
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
          <td>
            <BlockedBadge blocked={key.blocked} />
          </td>
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
      )}
    </DataTable>
  );
}
