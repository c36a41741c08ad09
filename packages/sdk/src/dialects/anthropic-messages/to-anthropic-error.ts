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

/** The statuses Anthropic gives a type of its own (budget refusals are 429s, as rate limits). */
const TYPE_BY_STATUS: ReadonlyMap<number, AnthropicErrorType> = new Map([
  [400, 'invalid_request_error'],
  [422, 'invalid_request_error'],
  [401, 'authentication_error'],
  [402, 'billing_error'],
  [403, 'permission_error'],
  [404, 'not_found_error'],
  [408, 'timeout_error'],
  [504, 'timeout_error'],
  [413, 'request_too_large'],
  [429, 'rate_limit_error'],
]);

/** Anthropic's type and status for an HTTP status. */
export function mapToAnthropicErrorType(status: number): { type: AnthropicErrorType; status: number } {
  // Anthropic's "overloaded" is 529; its SDK retries it as it retries a 503.
  if (status === 503 || status === 529) return { type: 'overloaded_error', status: 529 };
  const type = TYPE_BY_STATUS.get(status);
  if (type !== undefined) return { type, status };
  if (status >= 400 && status < 500) return { type: 'invalid_request_error', status };
  return { type: 'api_error', status: status >= 500 && status < 600 ? status : 500 };
}

export function toAnthropicErrorBody(error: LlmuxError): AnthropicErrorBody {
  return { type: 'error', error: { type: mapToAnthropicErrorType(error.status).type, message: error.message } };
}

export function toAnthropicError(error: LlmuxError): { status: number; body: string } {
  return { status: mapToAnthropicErrorType(error.status).status, body: JSON.stringify(toAnthropicErrorBody(error)) };
}
