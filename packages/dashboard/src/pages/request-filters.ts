// The request log's filters, applied to the rows the gateway returns. The gateway may filter
// by some of them too; applying all of them here keeps the view right whichever it honours.

import type { SpendLogRow } from '../api/records.js';

export type TimeRange = '1h' | '24h' | '7d' | '30d' | 'all';

export interface RequestFilters {
  key: string;
  team: string;
  model: string;
  status: '' | 'success' | 'failure';
  range: TimeRange;
}

export const DEFAULT_FILTERS: RequestFilters = { key: '', team: '', model: '', status: '', range: '24h' };

const RANGE_MS: Record<Exclude<TimeRange, 'all'>, number> = { '1h': 3_600_000, '24h': 86_400_000, '7d': 7 * 86_400_000, '30d': 30 * 86_400_000 };

export function rangeStart(range: TimeRange, now: number): number | null {
  return range === 'all' ? null : now - RANGE_MS[range];
}

export function matchesFilters(row: SpendLogRow, filters: RequestFilters, now: number): boolean {
  const contains = (value: string | null, needle: string): boolean => needle === '' || (value ?? '').toLowerCase().includes(needle.toLowerCase());
  const start = rangeStart(filters.range, now);
  return (
    (contains(row.keyAlias, filters.key) || contains(row.apiKey, filters.key)) &&
    contains(row.teamId, filters.team) &&
    (contains(row.modelGroup, filters.model) || contains(row.model, filters.model)) &&
    (filters.status === '' || row.status === filters.status) &&
    (start === null || (row.startTime ?? 0) >= start)
  );
}

/** `YYYY-MM-DD` for the LiteLLM date parameters (UTC, as LiteLLM reads them). */
export function isoDay(epochMs: number): string {
  return new Date(epochMs).toISOString().slice(0, 10);
}
