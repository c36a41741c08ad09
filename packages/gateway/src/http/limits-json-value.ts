// Checks a parsed JSON body against the input limits (nesting depth, NUL characters, id
// lengths) with an explicit stack, never recursion: a body nested a million levels deep is
// a loop here, and is refused before any recursive code (zod, JSON.stringify) walks it.

import { BadRequestError } from 'llmux';
import { MAX_ID_LENGTH, MAX_JSON_DEPTH } from './limits-input.js';

export interface JsonValueRules {
  /** Refuse NUL in every string and key: PostgreSQL text cannot hold it. */
  rejectNul: boolean;
  /** Fields whose string value, or array of strings, is an id: capped, no control characters. */
  idFields?: ReadonlySet<string>;
  /** Fields holding free-form objects (metadata): the id rule does not apply inside them. */
  freeFormFields?: ReadonlySet<string>;
}

const CONTROL_CHARACTER = /[\u0000-\u001f\u007f]/;

/** Throws a 400 naming the top-level field at fault; returns when the value is within limits. */
export function checkJsonValue(root: unknown, rules: JsonValueRules): void {
  if (typeof root !== 'object' || root === null) {
    if (rules.rejectNul && typeof root === 'string' && root.includes('\u0000')) throw nulError(undefined);
    return;
  }
  const { rejectNul, idFields, freeFormFields } = rules;
  // Parallel stacks: the container, its depth, the top-level field it sits under, ids checked.
  const values: object[] = [root];
  const depths: number[] = [1];
  const fields: (string | undefined)[] = [undefined];
  const idsOn: boolean[] = [idFields !== undefined];
  while (values.length > 0) {
    const value = values.pop() as object;
    const depth = depths.pop() as number;
    const field = fields.pop();
    const checkIds = idsOn.pop() as boolean;
    const visit = (key: string | undefined, item: unknown): void => {
      const top = field ?? key;
      if (typeof item === 'string') {
        if (rejectNul && item.includes('\u0000')) throw nulError(top);
        if (checkIds && key !== undefined && idFields?.has(key) === true) checkId(key, item);
        return;
      }
      if (typeof item !== 'object' || item === null) return;
      if (depth >= MAX_JSON_DEPTH) throw depthError(top);
      values.push(item);
      depths.push(depth + 1);
      fields.push(top);
      idsOn.push(checkIds && (key === undefined || freeFormFields?.has(key) !== true));
      // An array under an id field holds ids (`user_ids`, `keys`, `models`).
      if (checkIds && key !== undefined && Array.isArray(item) && idFields?.has(key) === true) {
        for (const element of item) if (typeof element === 'string') checkId(key, element);
      }
    };
    if (Array.isArray(value)) {
      for (const item of value) visit(undefined, item);
    } else {
      for (const key in value) {
        if (rejectNul && key.includes('\u0000')) throw nulError(field ?? key);
        visit(key, (value as Record<string, unknown>)[key]);
      }
    }
  }
}

function checkId(field: string, id: string): void {
  if (id.length <= MAX_ID_LENGTH && !CONTROL_CHARACTER.test(id)) return;
  throw new BadRequestError(`Invalid value for '${field}': an id has at most ${MAX_ID_LENGTH} characters and no control characters.`, { code: 'invalid_value', param: field });
}

function depthError(field: string | undefined): BadRequestError {
  const where = field === undefined ? 'The request body' : `'${field}'`;
  return new BadRequestError(`Invalid value for ${where}: JSON is nested deeper than ${MAX_JSON_DEPTH} levels.`, field === undefined ? { code: 'nesting_too_deep' } : { code: 'nesting_too_deep', param: field });
}

function nulError(field: string | undefined): BadRequestError {
  const where = field === undefined ? 'the request body' : `'${field}'`;
  const message = `Invalid value for ${where}: strings may not contain the NUL character (\\u0000).`;
  return new BadRequestError(message, field === undefined ? { code: 'invalid_value' } : { code: 'invalid_value', param: field });
}
