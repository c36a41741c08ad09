// The request id: always the gateway's own fresh UUIDv7, the spend log's primary key. A client's
// `x-request-id` is kept beside it (spend rows' client_request_id, searchable with
// /spend/logs?request_id=), never used as the key: two calls sending one id made one row and
// a key's total no longer matched its rows (issue 15.3). The reply's x-request-id and LiteLLM's
// x-litellm-call-id carry the gateway's id, as OpenAI's x-request-id carries OpenAI's.
//
// Fresh ids are UUIDv7 (RFC 9562: time-ordered). The id is the spend log's primary key, and
// a random key lands anywhere in that index, so each insert touches a cold page; time-ordered
// ids append at the index's right edge. SQLite's cost per spend-log row fell from ~27 to
// ~13 µs and no longer grows with the table (docs/benchmarks.md, finding 12); PostgreSQL's
// B-tree gains the same way.

import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

/** Longer client ids are cut (and marked) when the row is cleaned; this only bounds the header read. */
const MAX_CLIENT_ID_CHARS = 512;

// uuidV7's time part, formatted once per millisecond (several requests share one under load).
let prefixMs = -1;
let prefix = '';

/** The gateway's id for a call (the headers are not read: a client cannot choose it). */
export function requestIdFor(_headers?: IncomingHttpHeaders): string {
  return uuidV7();
}

/** The client's x-request-id, kept for correlation only; null when absent or empty. */
export function clientRequestIdOf(headers: IncomingHttpHeaders): string | null {
  const given = headers['x-request-id'];
  if (typeof given !== 'string' || given === '') return null;
  return given.length > MAX_CLIENT_ID_CHARS ? given.slice(0, MAX_CLIENT_ID_CHARS) : given;
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
