// One request in full: the summary fields and the raw spend-log row.

import type { SpendLogRow } from '../api/records.js';
import { JsonView } from '../components/json-view.js';
import { formatCount, formatMs, formatTime, formatUsd } from '../format/format-values.js';

export function RequestDetail({ row, onClose }: { row: SpendLogRow; onClose: () => void }) {
  const fields: Array<[string, string]> = [
    ['Request id', row.requestId],
    ['Status', row.status],
    ['Model group', row.modelGroup ?? '—'],
    ['Model', row.model ?? '—'],
    ['Provider', row.provider ?? '—'],
    ['Key', row.keyAlias ?? row.apiKey ?? '—'],
    ['Team', row.teamId ?? '—'],
    ['User', row.userId ?? '—'],
    ['Started', formatTime(row.startTime)],
    ['Latency', formatMs(row.latencyMs)],
    ['Tokens (in / out)', `${formatCount(row.promptTokens)} / ${formatCount(row.completionTokens)}`],
    ['Spend', formatUsd(row.spend)],
  ];
  return (
    <section className="panel detail" data-testid="request-detail">
      <header className="page-header">
        <h2>Request {row.requestId}</h2>
        <button type="button" onClick={onClose}>
          Close
        </button>
      </header>
      <dl className="fields">
        {fields.map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd className="mono">{value}</dd>
          </div>
        ))}
      </dl>
      <h3>Raw log row</h3>
      <JsonView value={row.raw} />
    </section>
  );
}
