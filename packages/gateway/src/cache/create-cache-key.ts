// The cache key: sha256 of a canonical JSON (keys sorted) of the model group and the
// parameters that change the answer. Transport and bookkeeping fields (`stream`, `user`,
// `metadata`, the `cache` controls) are left out, so a stream and a plain request share an
// entry and a hit can cross keys; a key or team scope puts the caller's id in the hash.

import { createHash } from 'node:crypto';

/** Fields that do not change the answer's content. */
const IGNORED_FIELDS: ReadonlySet<string> = new Set([
  'stream',
  'stream_options',
  'user',
  'metadata',
  'cache',
  'tags',
  'request_timeout',
  'timeout',
  'litellm_metadata',
  'guardrails',
]);

export function createCacheKey(body: Readonly<Record<string, unknown>>, scopeId: string | undefined, namespace: string | undefined): string {
  const kept: Record<string, unknown> = {};
  for (const name of Object.keys(body).sort()) {
    const value = body[name];
    // A null parameter means "use the default", as if it were not sent.
    if (IGNORED_FIELDS.has(name) || value === undefined || value === null) continue;
    kept[name] = value;
  }
  if (scopeId !== undefined) kept['\u0000scope'] = scopeId;
  const hash = createHash('sha256').update(canonicalJson(kept)).digest('hex');
  return namespace === undefined ? hash : `${namespace}:${hash}`;
}

/** JSON with every object's keys sorted, so equal bodies hash equal whatever their key order. */
function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const record = value as Record<string, unknown>;
  const parts: string[] = [];
  for (const key of Object.keys(record).sort()) {
    if (record[key] === undefined) continue;
    parts.push(`${JSON.stringify(key)}:${canonicalJson(record[key])}`);
  }
  return `{${parts.join(',')}}`;
}
