// The process-wide count of request-body bytes held while reading and parsing, so many large
// bodies at once cannot exhaust memory (MAX_BODY_BYTES_IN_FLIGHT). Module state on purpose:
// it bounds this process's memory, whatever gateways or routes it serves.

import { LlmuxError } from 'llmux';
import { MAX_BODY_BYTES_IN_FLIGHT } from './limits-input.js';

let held = 0;

/** Takes `bytes` from the budget; false when that would pass it (while others hold some). */
export function reserveBodyBytes(bytes: number): boolean {
  if (held > 0 && held + bytes > MAX_BODY_BYTES_IN_FLIGHT) return false;
  held += bytes;
  return true;
}

export function releaseBodyBytes(bytes: number): void {
  held = Math.max(0, held - bytes);
}

/** 413 with Retry-After: the body is within the limit, but too many large ones are in flight. */
export class BodiesInFlightError extends LlmuxError {
  constructor() {
    const megabytes = MAX_BODY_BYTES_IN_FLIGHT / (1024 * 1024);
    super(
      `The gateway is already reading ${megabytes} MB of large request bodies; retry shortly.`,
      413,
      'invalid_request_error',
      { retryable: true, fallbackAllowed: false },
      {
        code: 'request_bodies_over_budget',
        retryAfterSeconds: 1,
        // The rest of the body is still on the wire; closing is cheaper than reading it.
        headers: { connection: 'close' },
      },
    );
  }
}
