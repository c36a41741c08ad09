// The filters and paging of /user/daily/activity and /team/daily/activity, as LiteLLM reads
// them: `model` (a model group), `api_key` (the key's hash; llmux also takes the key itself
// and hashes it), `page` (1-based) and `page_size` (default 50, at most 1000). As on LiteLLM,
// a page is a slice of the day × model × key records, newest day first; the answer's
// `total_pages` and `has_more` count those records. The store applies all of it in its
// query (dailySpendPage).

import { BadRequestError } from 'llmux';
import { hashKey } from '../governance/hash-key.js';
import type { DailySpendPageFilter } from '../store/store.js';

const DEFAULT_PAGE_SIZE = 50;
const MAX_PAGE_SIZE = 1000;

export interface DailyActivityQuery {
  model: string | undefined;
  apiKey: string | undefined;
  page: number;
  pageSize: number;
}

export function parseDailyActivityQuery(query: URLSearchParams): DailyActivityQuery {
  const model = nonEmpty(query.get('model'));
  const key = nonEmpty(query.get('api_key'));
  return {
    model,
    // A key as issued (`sk-...`) is hashed; a hash (what the spend rows and LiteLLM's UI hold) is used as is.
    apiKey: key?.startsWith('sk-') === true ? hashKey(key) : key,
    // Bounded so the row offset (page × page_size) stays an exact integer for the database.
    page: positiveInteger(query, 'page', 1, Math.floor(Number.MAX_SAFE_INTEGER / MAX_PAGE_SIZE)),
    pageSize: positiveInteger(query, 'page_size', DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE),
  };
}

/** The store's filter for these parameters (who and when are added by the route). */
export function pageFilter(query: DailyActivityQuery): Pick<DailySpendPageFilter, 'model_group' | 'api_key' | 'page' | 'page_size'> {
  return {
    ...(query.model === undefined ? {} : { model_group: query.model }),
    ...(query.apiKey === undefined ? {} : { api_key: query.apiKey }),
    page: query.page,
    page_size: query.pageSize,
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
