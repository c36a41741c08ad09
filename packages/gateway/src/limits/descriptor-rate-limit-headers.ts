// LiteLLM's per-descriptor rate-limit headers (its v3 limiter): for every subject with a
// request, token or parallel limit, `x-ratelimit-<descriptor>-remaining-<type>` and
// `x-ratelimit-<descriptor>-limit-<type>`, beside the tightest-of-all `x-ratelimit-*` set
// (rate-limit-headers.ts). A client sees which of its key, user, team, customer or per-model
// limits is closest, as on LiteLLM.

import type { AdmittedCall } from './call-limiter.js';
import type { LimitSubject } from './limit-subject.js';

/** LiteLLM's descriptor names; scopes it has no descriptor for (global, tag, organization) send none. */
const DESCRIPTORS: Partial<Record<LimitSubject['scope'], string>> = {
  key: 'api_key',
  user: 'user',
  team: 'team',
  customer: 'end_user',
  key_model: 'model_per_key',
};

/** LiteLLM's rate_limit_type per counter kind. */
const TYPES = { rpm: 'requests', tpm: 'tokens', parallel: 'max_parallel_requests' } as const;

type HeaderNames = { limit: string; remaining: string };
type CountedKind = keyof typeof TYPES;

/** Header names by scope and counter kind, built once: the call path only looks them up. */
const NAMES: Partial<Record<LimitSubject['scope'], Record<CountedKind, HeaderNames>>> = {};
for (const [scope, descriptor] of Object.entries(DESCRIPTORS) as Array<[LimitSubject['scope'], string]>) {
  const name = (type: string): HeaderNames => ({ limit: `x-ratelimit-${descriptor}-limit-${type}`, remaining: `x-ratelimit-${descriptor}-remaining-${type}` });
  NAMES[scope] = { rpm: name(TYPES.rpm), tpm: name(TYPES.tpm), parallel: name(TYPES.parallel) };
}

/** `refusedIndex`: the check that refused the call (a 429 carries these too; its remaining is 0), or -1. */
export function descriptorRateLimitHeaders(call: AdmittedCall, headers: Record<string, string | number>, refusedIndex = -1): void {
  const { checks, values, owners, subjects } = call;
  // On a refusal the counters past the refusing check were never read: those are left out.
  const end = refusedIndex === -1 ? checks.length : refusedIndex + 1;
  for (let index = 0; index < end; index += 1) {
    const check = checks[index];
    if (check === undefined || check.kind === 'budget') continue;
    const names = NAMES[(subjects[owners[index] as number] as LimitSubject).scope]?.[check.kind];
    if (names === undefined) continue;
    headers[names.limit] = String(check.limit);
    headers[names.remaining] = index === refusedIndex ? '0' : String(Math.max(0, Math.floor(check.limit - (values[index] ?? 0))));
  }
}
