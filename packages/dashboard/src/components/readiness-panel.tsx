// The gateway's `/health/readiness` answer: status, database, cache and version.

import { asRecord, readString } from '../api/read-fields.js';

export function ReadinessPanel({ readiness }: { readiness: unknown }) {
  const record = asRecord(readiness);
  const status = readString(record.status) ?? 'unknown';
  const healthy = status === 'healthy' || status === 'connected';
  const cache = record.cache === null || record.cache === undefined ? 'none' : String(readString(record.cache) ?? JSON.stringify(record.cache));
  return (
    <div className="health-row" data-testid="readiness">
      <span className={healthy ? 'badge badge-good' : 'badge badge-bad'}>{status}</span>
      <span>database: {readString(record.db) ?? 'unknown'}</span>
      <span>cache: {cache}</span>
      {readString(record.litellm_version) !== null && <span>version {readString(record.litellm_version)}</span>}
      {readString(record.version) !== null && <span>version {readString(record.version)}</span>}
    </div>
  );
}
