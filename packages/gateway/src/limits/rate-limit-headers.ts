// The `x-ratelimit-*` headers OpenAI clients read, from the tightest request and token
// limits among a call's subjects: sent on successes (remaining quota) and on 429s. The
// reset is the tightest limit's counting window's end (both are per-minute windows).

import type { AdmittedCall } from './call-limiter.js';
import { formatResetDuration } from './format-reset-duration.js';

/** `refusedIndex`: the check that refused the call (its remaining is 0), or -1. */
export function rateLimitHeaders(call: AdmittedCall, refusedIndex = -1): Record<string, string> {
  const headers: Record<string, string> = {};
  let requestsLeft = Infinity;
  let requestsLimit = 0;
  let tokensLeft = Infinity;
  let tokensLimit = 0;
  let requestsReset = 0;
  let tokensReset = 0;
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
      requestsReset = check.expiresAt;
    } else if (check.kind === 'tpm' && left < tokensLeft) {
      tokensLeft = left;
      tokensLimit = check.limit;
      tokensReset = check.expiresAt;
    }
  }
  if (requestsLimit > 0 || requestsLeft === 0) {
    headers['x-ratelimit-limit-requests'] = String(requestsLimit);
    headers['x-ratelimit-remaining-requests'] = String(Math.floor(requestsLeft));
    headers['x-ratelimit-reset-requests'] = formatResetDuration(requestsReset - call.admittedAt);
  }
  if (tokensLimit > 0 || tokensLeft === 0) {
    headers['x-ratelimit-limit-tokens'] = String(tokensLimit);
    headers['x-ratelimit-remaining-tokens'] = String(Math.floor(tokensLeft));
    headers['x-ratelimit-reset-tokens'] = formatResetDuration(tokensReset - call.admittedAt);
  }
  return headers;
}
