// The `x-ratelimit-*` headers OpenAI clients read, from the tightest request and token
// limits among a call's subjects: sent on successes (remaining quota) and on 429s.

import type { AdmittedCall } from './call-limiter.js';

/** `refusedIndex`: the check that refused the call (its remaining is 0), or -1. */
export function rateLimitHeaders(call: AdmittedCall, refusedIndex = -1): Record<string, string> {
  const headers: Record<string, string> = {};
  let requestsLeft = Infinity;
  let requestsLimit = 0;
  let tokensLeft = Infinity;
  let tokensLimit = 0;
  const { checks, values } = call;
  for (let index = 0; index < checks.length; index += 1) {
    const check = checks[index];
    if (check === undefined || (check.kind !== 'rpm' && check.kind !== 'tpm')) continue;
    // On a refusal the values past the refusing check were never read: skip them.
    if (refusedIndex !== -1 && index > refusedIndex) break;
    const left = index === refusedIndex ? 0 : Math.max(0, check.limit - (values[index] ?? 0));
    if (check.kind === 'rpm' && left < requestsLeft) {
      requestsLeft = left;
      requestsLimit = check.limit;
    } else if (check.kind === 'tpm' && left < tokensLeft) {
      tokensLeft = left;
      tokensLimit = check.limit;
    }
  }
  if (requestsLimit > 0 || requestsLeft === 0) {
    headers['x-ratelimit-limit-requests'] = String(requestsLimit);
    headers['x-ratelimit-remaining-requests'] = String(Math.floor(requestsLeft));
  }
  if (tokensLimit > 0 || tokensLeft === 0) {
    headers['x-ratelimit-limit-tokens'] = String(tokensLimit);
    headers['x-ratelimit-remaining-tokens'] = String(Math.floor(tokensLeft));
  }
  return headers;
}
