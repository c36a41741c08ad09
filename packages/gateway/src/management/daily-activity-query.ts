// The filters and paging of /user/daily/activity and /team/daily/activity, as LiteLLM reads
// them: `model` (a model group), `api_key` (the key's hash; llmux also takes the key itself
// and hashes it), `page` (1-based) and `page_size` (default 50, at most 1000). As on LiteLLM,
// a page is a slice of the day × model × key records, newest day first; the answer's
// `total_pages` and `has_more` count those records.

import { BadRequestError } from 'llmux';
import { hashKey } from '../governance/hash-key.js';
import type { DailySpendRow } from '../store/store.js';

const DEFAULT_PAGE_SIZE = 50;
const MAX_PAGE_SIZE = 1000;

export interface DailyActivityQuery {
  model: string | undefined;
  apiKey: string | undefined;
  page: number;
  pageSize: number;
}

export interface DailyActivityPage<Row> {
  rows: Row[];
  page: number;
  totalPages: number;
  hasMore: boolean;
}

export function parseDailyActivityQuery(query: URLSearchParams): DailyActivityQuery {
  const model = nonEmpty(query.get('model'));
  const key = nonEmpty(query.get('api_key'));
  return {
    model,
    // A key as issued (`sk-...`) is hashed; a hash (what the spend rows and LiteLLM's UI hold) is used as is.
    apiKey: key?.startsWith('sk-') === true ? hashKey(key) : key,
    page: positiveInteger(query, 'page', 1, Number.MAX_SAFE_INTEGER),
    pageSize: positiveInteger(query, 'page_size', DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE),
  };
}

/** The rows that pass the `model` and `api_key` filters. */
export function filterDailyRows<Row extends DailySpendRow>(rows: readonly Row[], query: DailyActivityQuery): Row[] {
  return rows.filter((row) => (query.model === undefined || row.model_group === query.model) && (query.apiKey === undefined || row.api_key === query.apiKey));
}

/** One page of the rows, newest day first (LiteLLM orders its daily records by date, descending). */
export function pageDailyRows<Row extends DailySpendRow>(rows: readonly Row[], query: DailyActivityQuery): DailyActivityPage<Row> {
  const ordered = [...rows].sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : 0));
  const start = (query.page - 1) * query.pageSize;
  return {
    rows: ordered.slice(start, start + query.pageSize),
    page: query.page,
    totalPages: Math.ceil(ordered.length / query.pageSize),
    hasMore: query.page * query.pageSize < ordered.length,
  };
}

function nonEmpty(value: string | null): string | undefined {
  return value === null || value.trim() === '' ? undefined : value.trim();
}

function positiveInteger(query: URLSearchParams, param: string, fallback: number, max: number): number {
  const raw = query.get(param);
  if (raw === null || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > max) {
    throw new BadRequestError(`Invalid value for '${param}': expected a whole number from 1 to ${max}.`, { code: 'invalid_value', param });
  }
  return value;
}
