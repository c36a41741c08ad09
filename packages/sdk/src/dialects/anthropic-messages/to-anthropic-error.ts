// Any llmux error → Anthropic's error shape, `{"type":"error","error":{"type","message"}}`,
// with the status Anthropic uses for that type, so @anthropic-ai/sdk raises its own classes
// (RateLimitError, OverloadedError, …) and retries where Anthropic's clients would.

import type { LlmuxError } from '../../errors/llmux-error.js';

export type AnthropicErrorType =
  | 'invalid_request_error'
  | 'authentication_error'
  | 'billing_error'
  | 'permission_error'
  | 'not_found_error'
  | 'request_too_large'
  | 'rate_limit_error'
  | 'api_error'
  | 'timeout_error'
  | 'overloaded_error';

export type AnthropicErrorBody = {
  type: 'error';
  error: { type: AnthropicErrorType; message: string };
};

/** Anthropic's type and status for an HTTP status (budget refusals are 429s, as rate limits). */
export function mapToAnthropicErrorType(status: number): { type: AnthropicErrorType; status: number } {
  switch (status) {
    case 400:
    case 422:
      return { type: 'invalid_request_error', status };
    case 401:
      return { type: 'authentication_error', status };
    case 402:
      return { type: 'billing_error', status };
    case 403:
      return { type: 'permission_error', status };
    case 404:
      return { type: 'not_found_error', status };
    case 408:
    case 504:
      return { type: 'timeout_error', status };
    case 413:
      return { type: 'request_too_large', status };
    case 429:
      return { type: 'rate_limit_error', status };
    // Anthropic's "overloaded" is 529; its SDK retries it as it retries a 503.
    case 503:
    case 529:
      return { type: 'overloaded_error', status: 529 };
    default:
      if (status >= 400 && status < 500) return { type: 'invalid_request_error', status };
      return { type: 'api_error', status: status >= 500 && status < 600 ? status : 500 };
  }
}

export function toAnthropicErrorBody(error: LlmuxError): AnthropicErrorBody {
  return { type: 'error', error: { type: mapToAnthropicErrorType(error.status).type, message: error.message } };
}

export function toAnthropicError(error: LlmuxError): { status: number; body: string } {
  return { status: mapToAnthropicErrorType(error.status).status, body: JSON.stringify(toAnthropicErrorBody(error)) };
}
