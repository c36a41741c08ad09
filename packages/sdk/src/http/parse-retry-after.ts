// Reads how long an upstream asked us to wait: `retry-after` (seconds or an HTTP date) or
// `retry-after-ms`.

import { headerValue } from './read-body.js';
import type { HttpResponse } from './http-client.js';

export function parseRetryAfter(headers: HttpResponse['headers'], now = Date.now()): number | undefined {
  const milliseconds = headerValue(headers, 'retry-after-ms');
  if (milliseconds !== undefined) {
    const value = Number(milliseconds);
    if (Number.isFinite(value) && value >= 0) return value / 1000;
  }
  const raw = headerValue(headers, 'retry-after');
  if (raw === undefined) return undefined;
  const seconds = Number(raw);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds;
  const date = Date.parse(raw);
  return Number.isNaN(date) ? undefined : Math.max(0, (date - now) / 1000);
}
