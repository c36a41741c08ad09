// Audit rows keep before/after values, never secrets: upstream API keys in litellm_params,
// key hashes, passwords (matched by field name, at any depth), and anything key-shaped in
// any other text (a key pasted into metadata), masked to its kind by the SDK's rule.

import { maskKeysInText } from 'llmux';

const SECRET_FIELD = /(^|_)(api_key|key|token|secret|password|credentials?|access_key|secret_access_key|session_token)$|secret|password/i;
const KEEP = new Set(['key_alias', 'key_name']);
/** Prices and counts whose names end like a secret's (`input_cost_per_token`). */
const NOT_SECRET = /_per_token$|_cost$|^cost$/i;
const REDACTED = '[redacted]';

export function redactSecrets(value: unknown): unknown {
  if (typeof value === 'string') return maskKeysInText(value);
  if (Array.isArray(value)) return value.map(redactSecrets);
  if (value === null || typeof value !== 'object' || value instanceof Date) return value;
  const out: Record<string, unknown> = {};
  for (const [field, item] of Object.entries(value)) {
    // Aliases and display names are the admin's own words, kept as written.
    if (KEEP.has(field)) out[field] = item;
    else out[field] = SECRET_FIELD.test(field) && !NOT_SECRET.test(field) && item !== null && item !== undefined ? REDACTED : redactSecrets(item);
  }
  return out;
}
