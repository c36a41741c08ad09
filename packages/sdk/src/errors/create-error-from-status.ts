// Maps an upstream HTTP status (and what the provider's error parser recognised) to the
// typed error. Provider folders call this after reading their own error bodies.

import type { LlmuxError, LlmuxErrorOptions } from './llmux-error.js';
import {
  AuthenticationError,
  BadGatewayError,
  BadRequestError,
  ContentPolicyViolationError,
  ContextWindowExceededError,
  GatewayTimeoutError,
  InternalServerError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  ServiceUnavailableError,
  TimeoutError,
  UnprocessableEntityError,
} from './error-classes.js';

/** What a provider's error parser found in an error body. */
export interface ParsedUpstreamError {
  message: string;
  /** The provider's own error type or code, kept as the OpenAI `code`. */
  code?: string | null;
  param?: string | null;
  /** Recognised meaning, which outranks the status (a 400 may be a context-window error). */
  /** A wait the body asked for (Google's RetryInfo), when the headers said nothing. */
  retryAfterSeconds?: number;
  kind?: 'context_window' | 'content_policy' | 'rate_limit' | 'overloaded' | 'authentication';
}

export function createErrorFromStatus(status: number, parsed: ParsedUpstreamError, options: LlmuxErrorOptions): LlmuxError {
  const message = parsed.message;
  const full: LlmuxErrorOptions = { ...options, code: parsed.code ?? null, param: parsed.param ?? null };
  switch (parsed.kind) {
    case 'context_window':
      return new ContextWindowExceededError(message, { ...full, code: 'context_length_exceeded' });
    case 'content_policy':
      // The provider's name for the refusal when its parser found one (Azure's content_filter).
      return new ContentPolicyViolationError(message, { ...full, code: parsed.code ?? 'content_policy_violation' });
    case 'rate_limit':
      return new RateLimitError(message, full);
    case 'overloaded':
      return new ServiceUnavailableError(message, full);
    case 'authentication':
      return new AuthenticationError(message, full);
    case undefined:
      break;
    default: {
      const exhaustive: never = parsed.kind;
      throw new Error(`unknown error kind ${String(exhaustive)}`);
    }
  }
  if (status === 400) return new BadRequestError(message, full);
  if (status === 401) return new AuthenticationError(message, full);
  if (status === 403) return new PermissionDeniedError(message, full);
  if (status === 404) return new NotFoundError(message, full);
  if (status === 408) return new TimeoutError(message, full);
  if (status === 413) return new BadRequestError(message, full);
  if (status === 422) return new UnprocessableEntityError(message, full);
  if (status === 429) return new RateLimitError(message, full);
  if (status === 502) return new BadGatewayError(message, full);
  if (status === 503 || status === 529) return new ServiceUnavailableError(message, full);
  if (status === 504) return new GatewayTimeoutError(message, full);
  if (status >= 400 && status < 500) return new BadRequestError(message, full);
  return new InternalServerError(message, full);
}
