// Validates a request body against a route's minimal schema and words the first problem as
// OpenAI does: `param` names the field (`messages.[0].role`), code says what kind of mistake.

import { BadRequestError } from 'llmux';
import type { z } from 'zod';

type Issue = z.core.$ZodIssue;

/** The schema's output when the body passes; a 400 naming the first problem when not. */
export function validateBody<Schema extends z.ZodType>(schema: Schema, body: unknown): z.output<Schema> {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const issue = deepestIssue(result.error.issues);
  if (issue.path.length === 0) throw new BadRequestError(`The request body must be a JSON object, but got ${typeName(body)}.`, { code: 'invalid_type' });
  const param = formatParam(issue.path);
  const value = valueAt(body, issue.path);
  if (value === undefined && (issue.code === 'invalid_type' || issue.code === 'invalid_union' || issue.code === 'custom')) {
    throw new BadRequestError(`Missing required parameter: '${param}'.`, { param, code: 'missing_required_parameter' });
  }
  if (issue.code === 'invalid_type' || issue.code === 'invalid_union') {
    throw new BadRequestError(`Invalid type for '${param}': expected ${expectedOf(issue)}, but got ${typeName(value)}.`, { param, code: 'invalid_type' });
  }
  throw new BadRequestError(`Invalid value for '${param}': ${issue.message}.`, { param, code: 'invalid_value' });
}

/** A union's own issue says only "invalid input"; a branch that got further says more. */
function deepestIssue(issues: readonly Issue[]): Issue {
  const first = issues[0];
  if (first === undefined) throw new Error('zod reported failure without issues');
  if (first.code !== 'invalid_union') return first;
  let best: Issue = first;
  for (const branch of first.errors) {
    const candidate = branch[0];
    if (candidate === undefined || candidate.path.length === 0) continue;
    const nested = deepestIssue([{ ...candidate, path: [...first.path, ...candidate.path] }]);
    if (best === first || nested.path.length > best.path.length) best = nested;
  }
  return best;
}

function expectedOf(issue: Issue): string {
  if (issue.code === 'invalid_type') return typeWord(issue.expected);
  if (issue.code !== 'invalid_union') return 'another type';
  const names = issue.errors.map((branch) => (branch[0]?.code === 'invalid_type' ? typeWord(branch[0].expected) : undefined)).filter((name) => name !== undefined);
  return names.length > 0 ? [...new Set(names)].join(' or ') : 'another type';
}

/** zod says `int`; clients read "integer". */
function typeWord(expected: string): string {
  return expected === 'int' ? 'integer' : expected;
}

/** `['messages', 0, 'role']` → `messages.[0].role`, OpenAI's spelling. */
function formatParam(path: readonly PropertyKey[]): string {
  return path.map((segment) => (typeof segment === 'number' ? `[${segment}]` : String(segment))).join('.');
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let value = root;
  for (const segment of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[segment];
  }
  return value;
}

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  return `a ${typeof value}`;
}
