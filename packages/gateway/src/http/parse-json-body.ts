// The request body's one JSON.parse, then the input limits (nesting depth, and for bodies
// bound for a store, NUL and id rules). Bad JSON is the client's mistake: 400, never 500.

import { BadRequestError } from 'llmux';
import { checkJsonValue, type JsonValueRules } from './limits-json-value.js';

/** Model routes: only the depth limit; their strings go upstream, and spend rows are cleaned. */
const DEPTH_ONLY: JsonValueRules = { rejectNul: false };

export function parseJsonBody(body: Buffer, rules: JsonValueRules = DEPTH_ONLY): unknown {
  if (body.length === 0) throw new BadRequestError('The request body is empty; expected a JSON object', { code: 'invalid_json' });
  let value: unknown;
  try {
    // V8's JSON.parse is iterative: any nesting parses, and the check below bounds it.
    value = JSON.parse(body.toString('utf8'));
  } catch (error) {
    const detail = error instanceof SyntaxError ? `: ${error.message}` : '';
    throw new BadRequestError(`The request body is not valid JSON${detail}`, { code: 'invalid_json' });
  }
  checkJsonValue(value, rules);
  return value;
}
