// Dates in query strings, as LiteLLM's spend and audit routes take them: `2026-01-31` or a
// full ISO time. A bare end date means the end of that day, so ranges include it.

import { BadRequestError } from 'llmux';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

function parseDateQuery(value: string | null, param: string, edge: 'start' | 'end'): Date | undefined {
  if (value === null || value === '') return undefined;
  const text = DAY.test(value) ? `${value}T${edge === 'start' ? '00:00:00.000' : '23:59:59.999'}Z` : value;
  const date = new Date(text);
  // Years past 9999 have no four-digit ISO form, which stores compare and parse as text.
  if (Number.isNaN(date.getTime()) || date.getUTCFullYear() < 1 || date.getUTCFullYear() > 9999)
    throw new BadRequestError(`Invalid value for '${param}': expected a date such as 2026-01-31, in years 1 to 9999.`, { code: 'invalid_value', param });
  return date;
}

/** `start_date` and `end_date` from a query string, set only where given. */
export function parseDateRange(query: URLSearchParams): { start_date?: Date; end_date?: Date } {
  const range: { start_date?: Date; end_date?: Date } = {};
  const start = parseDateQuery(query.get('start_date'), 'start_date', 'start');
  const end = parseDateQuery(query.get('end_date'), 'end_date', 'end');
  if (start !== undefined) range.start_date = start;
  if (end !== undefined) range.end_date = end;
  return range;
}

/** Copies the non-empty query parameters named in `fields` onto `filter`. */
export function copyQueryFields<F extends string>(query: URLSearchParams, fields: readonly F[], filter: Partial<Record<F, string>>): void {
  for (const field of fields) {
    const value = query.get(field);
    if (value !== null && value !== '') filter[field] = value;
  }
}
