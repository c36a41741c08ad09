// The `/spend/logs` query for a time range: LiteLLM takes whole UTC days and, with dates,
// summarises by day unless `summarize=false`; the exact cut happens in the browser.

import type { SpendLogQuery } from '../api/management-api.js';
import { isoDay, rangeStart, type TimeRange } from './request-filters.js';

const DAY_MS = 86_400_000;
const MAX_ROWS = 10_000;

export function spendLogQueryFor(range: TimeRange, now: number): SpendLogQuery {
  const start = rangeStart(range, now);
  // The gateway answers 1,000 rows unless asked for more; its ceiling is 10,000.
  if (start === null) return { limit: MAX_ROWS };
  return { start_date: isoDay(start), end_date: isoDay(now + DAY_MS), summarize: false, limit: MAX_ROWS };
}
