// Who changed what: key, team and user changes from the gateway's audit log.

import { useState } from 'react';
import { listAuditLog } from '../api/management-api.js';
import type { AuditRow } from '../api/records.js';
import { LoadedTable } from '../components/loaded-table.js';
import { JsonView } from '../components/json-view.js';
import { PageHeader } from '../components/page-header.js';
import { formatTime } from '../format/format-values.js';
import { useSignedIn } from '../session/api-context.js';
import { useApiData } from '../session/use-api-data.js';

/** The last column holds each row's Details button and has no title. */
const AUDIT_COLUMNS = ['Time', 'Action', 'Object', 'Changed by', ''];

export function AuditLogPage() {
  const { client } = useSignedIn();
  const [state, reload] = useApiData(() => listAuditLog(client), [client]);
  const [open, setOpen] = useState<AuditRow | null>(null);
  return (
    <>
      <PageHeader title="Audit log" description="Changes to keys, teams and users, newest first." actions={<button onClick={reload}>Refresh</button>} />
      <LoadedTable state={state} onRetry={reload} columns={AUDIT_COLUMNS} empty="No changes recorded yet.">
        {(row) => (
          <tr key={row.id}>
            <td>{formatTime(row.at)}</td>
            <td>{row.action}</td>
            <td className="mono">
              {row.tableName ?? ''} {row.objectId ?? ''}
            </td>
            <td className="mono">{row.changedBy ?? '—'}</td>
            <td>
              <button type="button" onClick={() => setOpen(open?.id === row.id ? null : row)}>
                {open?.id === row.id ? 'Hide' : 'Details'}
              </button>
            </td>
          </tr>
        )}
      </LoadedTable>
      {open !== null && (
        <section className="panel detail">
          <h2>Change {open.id}</h2>
          <div className="detail-columns">
            <div>
              <h3>Before</h3>
              <JsonView value={open.before} />
            </div>
            <div>
              <h3>After</h3>
              <JsonView value={open.after} />
            </div>
          </div>
        </section>
      )}
    </>
  );
}
