// The request log's filter inputs.

import type { RequestFilters, TimeRange } from './request-filters.js';

export function RequestFilterBar({ filters, onChange }: { filters: RequestFilters; onChange: (filters: RequestFilters) => void }) {
  const text = (name: 'key' | 'team' | 'model', label: string) => (
    <label>
      {label}
      <input name={`filter-${name}`} value={filters[name]} onChange={(event) => onChange({ ...filters, [name]: event.target.value })} placeholder="any" />
    </label>
  );
  return (
    <div className="filters">
      {text('key', 'Key (alias or hash)')}
      {text('team', 'Team')}
      {text('model', 'Model')}
      <label>
        Status
        <select name="filter-status" value={filters.status} onChange={(event) => onChange({ ...filters, status: event.target.value as RequestFilters['status'] })}>
          <option value="">any</option>
          <option value="success">success</option>
          <option value="failure">failure</option>
        </select>
      </label>
      <label>
        Time
        <select name="filter-range" value={filters.range} onChange={(event) => onChange({ ...filters, range: event.target.value as TimeRange })}>
          <option value="1h">last hour</option>
          <option value="24h">last 24 hours</option>
          <option value="7d">last 7 days</option>
          <option value="30d">last 30 days</option>
          <option value="all">all time</option>
        </select>
      </label>
    </div>
  );
}
