// Checks a parsed JSON body against the input limits (nesting depth, NUL characters, id
// lengths) before zod, JSON.stringify or any other recursive code walks it. The walk below
// recurses, but never deeper than MAX_JSON_DEPTH: a body nested a million levels deep costs
// 64 calls on the stack and a 400, never an overflow.

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
  if (typeof root === 'object' && root !== null) {
    // The everyday case (model routes): depth only, no allocation, ~10x cheaper than the full walk.
    if (!rules.rejectNul && rules.idFields === undefined) checkDepth(root, 1, undefined);
    else checkContainer(root, 1, undefined, rules.idFields !== undefined, rules);
  } else if (rules.rejectNul && typeof root === 'string' && root.includes('\u0000')) {
    throw nulError(undefined);
  }
}

function checkDepth(container: object, depth: number, field: string | undefined): void {
  if (Array.isArray(container)) {
    for (const item of container as unknown[]) {
      if (typeof item !== 'object' || item === null) continue;
      if (depth >= MAX_JSON_DEPTH) throw depthError(field);
      checkDepth(item, depth + 1, field);
    }
    return;
  }
  for (const key in container) {
    const item = (container as Record<string, unknown>)[key];
    if (typeof item !== 'object' || item === null) continue;
    if (depth >= MAX_JSON_DEPTH) throw depthError(field ?? key);
    checkDepth(item, depth + 1, field ?? key);
  }
}

function checkContainer(container: object, depth: number, field: string | undefined, checkIds: boolean, rules: JsonValueRules): void {
  if (Array.isArray(container)) {
    for (const item of container as unknown[]) checkItem(undefined, item, depth, field, checkIds, rules);
    return;
  }
  for (const key in container) {
    if (rules.rejectNul && key.includes('\u0000')) throw nulError(field ?? key);
    checkItem(key, (container as Record<string, unknown>)[key], depth, field ?? key, checkIds, rules);
  }
}

function checkItem(key: string | undefined, item: unknown, depth: number, field: string | undefined, checkIds: boolean, rules: JsonValueRules): void {
  const isId = checkIds && key !== undefined && rules.idFields?.has(key) === true;
  if (typeof item === 'string') {
    if (rules.rejectNul && item.includes('\u0000')) throw nulError(field);
    if (isId) checkId(key, item);
    return;
  }
  if (typeof item !== 'object' || item === null) return;
  if (depth >= MAX_JSON_DEPTH) throw depthError(field);
  // An array under an id field holds ids (`user_ids`, `keys`, `models`).
  if (isId && Array.isArray(item)) for (const element of item as unknown[]) if (typeof element === 'string') checkId(key, element);
  checkContainer(item, depth + 1, field, checkIds && (key === undefined || rules.freeFormFields?.has(key) !== true), rules);
}

function checkId(field: string, id: string): void {
  if (id.length <= MAX_ID_LENGTH && !CONTROL_CHARACTER.test(id)) return;
  throw new BadRequestError(`Invalid value for '${field}': an id has at most ${MAX_ID_LENGTH} characters and no control characters.`, { code: 'invalid_value', param: field });
}

function depthError(field: string | undefined): BadRequestError {
  const where = field === undefined ? 'The request body' : `'${field}'`;
  return new BadRequestError(
    `Invalid value for ${where}: JSON is nested deeper than ${MAX_JSON_DEPTH} levels.`,
    field === undefined ? { code: 'nesting_too_deep' } : { code: 'nesting_too_deep', param: field },
  );
}

function nulError(field: string | undefined): BadRequestError {
  const where = field === undefined ? 'the request body' : `'${field}'`;
  const message = `Invalid value for ${where}: strings may not contain the NUL character (\\u0000).`;
  return new BadRequestError(message, field === undefined ? { code: 'invalid_value' } : { code: 'invalid_value', param: field });
}
