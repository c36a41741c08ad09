// Every request the caller may see, newest first, with filters and a detail view.

import { useMemo, useState } from 'react';
import { listKeys, listSpendLogs } from '../api/management-api.js';
import type { SpendLogRow } from '../api/records.js';
import { DataTable } from '../components/data-table.js';
import { LoadView } from '../components/load-view.js';
import { PageHeader } from '../components/page-header.js';
import { formatMs, formatTime, formatUsd } from '../format/format-values.js';
import { useSignedIn } from '../session/api-context.js';
import { useApiData } from '../session/use-api-data.js';
import { RequestDetail } from './request-detail.js';
import { RequestFilterBar } from './request-filter-bar.js';
import { DEFAULT_FILTERS, matchesFilters, type RequestFilters } from './request-filters.js';
import { spendLogQueryFor } from './spend-log-query.js';

/** More rows than this slow the page without helping anyone read them; filters narrow instead. */
const MAX_SHOWN_ROWS = 500;

const REQUEST_COLUMNS = ['Time', 'Model', 'Key', 'Team', 'Status', 'Tokens', 'Latency', 'Spend'];

export function RequestLogPage() {
  const { client } = useSignedIn();
  const [filters, setFilters] = useState<RequestFilters>(DEFAULT_FILTERS);
  const [selected, setSelected] = useState<SpendLogRow | null>(null);
  const [state, reload] = useApiData(() => listSpendLogs(client, spendLogQueryFor(filters.range, Date.now())), [client, filters.range]);
  // Log rows name keys by hash; the key list turns hashes into the aliases people know.
  const [keys] = useApiData(() => listKeys(client).catch(() => []), [client]);
  const rows = useMemo(() => {
    if (state.status !== 'ready') return [];
    const aliases = new Map(keys.status === 'ready' ? keys.data.map((key) => [key.token, key.keyAlias]) : []);
    const now = Date.now();
    return state.data
      .map((row) => (row.keyAlias === null && row.apiKey !== null ? { ...row, keyAlias: aliases.get(row.apiKey) ?? null } : row))
      .filter((row) => matchesFilters(row, filters, now))
      .sort((a, b) => (b.startTime ?? 0) - (a.startTime ?? 0));
  }, [state, keys, filters]);
  return (
    <>
      <PageHeader title="Request log" description="Each call through the gateway, from /spend/logs." actions={<button onClick={reload}>Refresh</button>} />
      <RequestFilterBar filters={filters} onChange={setFilters} />
      <LoadView state={state} onRetry={reload}>
        {() => (
          <DataTable rows={rows.slice(0, MAX_SHOWN_ROWS)} columns={REQUEST_COLUMNS} empty="No requests match these filters." className="table clickable" testId="request-table">
            {(row) => (
              <tr key={row.requestId} data-request-id={row.requestId} onClick={() => setSelected(row)} className={selected?.requestId === row.requestId ? 'selected' : undefined}>
                <td>{formatTime(row.startTime)}</td>
                <td>{row.modelGroup ?? row.model ?? '—'}</td>
                <td>{row.keyAlias ?? (row.apiKey === null ? '—' : `${row.apiKey.slice(0, 10)}…`)}</td>
                <td>{row.teamId ?? '—'}</td>
                <td>
                  <span className={row.status === 'success' ? 'badge badge-good' : 'badge badge-bad'}>{row.status}</span>
                </td>
                <td>{row.totalTokens}</td>
                <td>{formatMs(row.latencyMs)}</td>
                <td>{formatUsd(row.spend)}</td>
              </tr>
            )}
          </DataTable>
        )}
      </LoadView>
      {rows.length > MAX_SHOWN_ROWS && (
        <p className="muted">
          Showing the newest {MAX_SHOWN_ROWS} of {rows.length} requests; narrow the filters to see others.
        </p>
      )}
      {selected !== null && <RequestDetail row={selected} onClose={() => setSelected(null)} />}
    </>
  );
}
