// Anthropic's wire format at /v1/messages and /anthropic/...: errors as
// `{"type":"error","error":{"type":…,"message":…}}` with Anthropic's types for each status,
// and a stream error as an `event: error` SSE event. Budget and limit refusals keep their
// status (429 with retry-after) and take Anthropic's `rate_limit_error` type.

import type { LlmuxError } from 'llmux';
import { recordError, sendErrorAs, type ErrorReply } from '../../http/send-error.js';
import type { Dialect } from '../dialect.js';

/** Anthropic's error type for an HTTP status (https://docs.anthropic.com/en/api/errors). */
export function anthropicErrorType(status: number): string {
  switch (status) {
    case 401:
      return 'authentication_error';
    case 402:
      return 'billing_error';
    case 403:
      return 'permission_error';
    case 404:
    case 405:
      return 'not_found_error';
    case 413:
      return 'request_too_large';
    case 429:
      return 'rate_limit_error';
    case 503:
    case 529:
      return 'overloaded_error';
    default:
      return status >= 500 ? 'api_error' : 'invalid_request_error';
  }
}

export function anthropicErrorBody(error: LlmuxError): { type: 'error'; error: { type: string; message: string } } {
  return { type: 'error', error: { type: anthropicErrorType(error.status), message: error.message } };
}

const anthropicReply: ErrorReply = (error) => ({ status: error.status, body: anthropicErrorBody(error) });

export const anthropicMessagesDialect: Dialect = {
  id: 'anthropic-messages',
  pathPrefixes: ['/v1/messages', '/anthropic/'],
  writeError: (context, error) => sendErrorAs(context, error, anthropicReply),
  streamError: (context, error) => `event: error\ndata: ${JSON.stringify(anthropicErrorBody(recordError(context, error)))}\n\n`,
};
