// The request id: the client's `x-request-id` when it is a sane token (so ids correlate
// across proxies), else a fresh UUID. Echoed as x-request-id and LiteLLM's x-litellm-call-id.
//
// Fresh ids are UUIDv7 (RFC 9562: time-ordered). The id is the spend log's primary key, and
// a random key lands anywhere in that index, so each insert touches a cold page; time-ordered
// ids append at the index's right edge. SQLite's cost per spend-log row fell from ~27 to
// ~13 µs and no longer grows with the table (docs/benchmarks.md, finding 12); PostgreSQL's
// B-tree gains the same way.

import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

const SAFE_ID = /^[\w.:-]{1,128}$/;

// uuidV7's time part, formatted once per millisecond (several requests share one under load).
let prefixMs = -1;
let prefix = '';

export function requestIdFor(headers: IncomingHttpHeaders): string {
  const given = headers['x-request-id'];
  return typeof given === 'string' && SAFE_ID.test(given) ? given : uuidV7();
}

/**
 * A UUIDv7 made from Node's random UUID, 0.5 µs (Node draws its entropy in batches; the
 * `uuid` package's v7 asks for fresh bytes on every call, 3.5 µs here): the first 48 bits
 * become the Unix time in milliseconds and the version nibble 7; the variant bits and the
 * other 74 random bits stay as randomUUID made them.
 */
function uuidV7(nowMs: number = Date.now()): string {
  if (nowMs !== prefixMs) {
    const time = nowMs.toString(16).padStart(12, '0');
    prefix = `${time.slice(0, 8)}-${time.slice(8)}-7`;
    prefixMs = nowMs;
  }
  return prefix + randomUUID().slice(15);
}
