// Parses a request's query string and holds it to the input limits before any handler reads
// it: no NUL (PostgreSQL text cannot hold it), no value past MAX_QUERY_VALUE_LENGTH, and
// paging numbers that are whole numbers in range (`limit=-5`, `page=1e21` are 400s here).

import { BadRequestError } from 'llmux';
import { MAX_PAGE, MAX_PAGE_SIZE, MAX_QUERY_VALUE_LENGTH } from './limits-input.js';

/** Paging parameters by name, with their largest value; every one is a positive integer. */
const PAGING: ReadonlyMap<string, number> = new Map([
  ['page', MAX_PAGE],
  ['page_size', MAX_PAGE_SIZE],
  ['size', MAX_PAGE_SIZE],
  ['limit', MAX_PAGE_SIZE],
]);

const POSITIVE_INTEGER = /^[1-9][0-9]{0,15}$/;

export function parseQuery(url: string): URLSearchParams {
  const start = url.indexOf('?');
  const query = new URLSearchParams(start === -1 ? '' : url.slice(start + 1));
  for (const [name, value] of query) {
    if (name.includes('\u0000') || value.includes('\u0000')) {
      throw new BadRequestError(`Invalid value for '${printable(name)}': query parameters may not contain the NUL character.`, { code: 'invalid_value', param: printable(name) });
    }
    if (value.length > MAX_QUERY_VALUE_LENGTH || name.length > MAX_QUERY_VALUE_LENGTH) {
      throw new BadRequestError(`Invalid value for '${printable(name)}': query parameters are at most ${MAX_QUERY_VALUE_LENGTH} characters.`, {
        code: 'invalid_value',
        param: printable(name),
      });
    }
    const max = PAGING.get(name);
    // An empty value means "not given", as the handlers read it.
    if (max === undefined || value === '') continue;
    if (!POSITIVE_INTEGER.test(value) || Number(value) > max) {
      throw new BadRequestError(`Invalid value for '${name}': expected a whole number from 1 to ${max}.`, { code: 'invalid_value', param: name });
    }
  }
  return query;
}

/** A parameter name fit to quote back: no NUL, no more than 64 characters. */
function printable(name: string): string {
  const clean = name.replaceAll('\u0000', '\\u0000');
  return clean.length > 64 ? `${clean.slice(0, 64)}…` : clean;
}
