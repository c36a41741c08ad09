// Errors only the gateway's edge raises (the SDK's catalog covers everything upstream).
// OpenAI answers unknown URLs with type invalid_request_error, so these do too.

import { LlmuxError, type LlmuxErrorOptions } from 'llmux';

const CLIENT = { retryable: false, fallbackAllowed: false };

export class RouteNotFoundError extends LlmuxError {
  constructor(method: string, path: string) {
    super(`Invalid URL (${method} ${path})`, 404, 'invalid_request_error', CLIENT, { code: 'unknown_url' });
  }
}

export class MethodNotAllowedError extends LlmuxError {
  constructor(method: string, path: string, allowed: readonly string[]) {
    super(`Method ${method} is not allowed for ${path}; use ${allowed.join(' or ')}`, 405, 'invalid_request_error', CLIENT, {
      code: 'method_not_allowed',
      headers: { allow: allowed.join(', ') },
    });
  }
}

export class PayloadTooLargeError extends LlmuxError {
  constructor(limitBytes: number, options?: LlmuxErrorOptions) {
    super(`Request body is larger than the limit of ${formatBytes(limitBytes)}`, 413, 'invalid_request_error', CLIENT, {
      code: 'request_too_large',
      // The rest of the body is still on the wire; closing is cheaper than reading it.
      headers: { connection: 'close' },
      ...options,
    });
  }
}

function formatBytes(bytes: number): string {
  const megabytes = bytes / (1024 * 1024);
  return megabytes >= 1 ? `${Number(megabytes.toFixed(2))} MB` : `${bytes} bytes`;
}
