// The request id: the client's `x-request-id` when it is a sane token (so ids correlate
// across proxies), else a fresh UUID. Echoed as x-request-id and LiteLLM's x-litellm-call-id.

import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

const SAFE_ID = /^[\w.:-]{1,128}$/;

export function requestIdFor(headers: IncomingHttpHeaders): string {
  const given = headers['x-request-id'];
  return typeof given === 'string' && SAFE_ID.test(given) ? given : randomUUID();
}
