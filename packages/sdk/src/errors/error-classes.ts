// The typed error catalog, mirroring OpenAI's error classes (and LiteLLM's names), each
// with the status, OpenAI `type` and retry/fallback flags it always has.

import { LlmuxError, type LlmuxErrorOptions } from './llmux-error.js';

const CLIENT = { retryable: false, fallbackAllowed: false };
const TRANSIENT = { retryable: true, fallbackAllowed: true };

export class BadRequestError extends LlmuxError {
  constructor(message: string, options?: LlmuxErrorOptions) {
    super(message, 400, 'invalid_request_error', CLIENT, options);
  }
}

/** A parameter the provider cannot honour (and `drop_params` is off). */
export class UnsupportedParamsError extends BadRequestError {
  constructor(message: string, options?: LlmuxErrorOptions) {
    super(message, { code: 'unsupported_parameter', ...options });
  }
}

/** The prompt does not fit the model's context window; a larger model may take it. */
export class ContextWindowExceededError extends BadRequestError {
  override readonly fallbackAllowed = true;
  constructor(message: string, options?: LlmuxErrorOptions) {
    super(message, { code: 'context_length_exceeded', ...options });
  }
}

/** The provider's content filter refused the prompt or the completion. */
export class ContentPolicyViolationError extends BadRequestError {
  override readonly fallbackAllowed = true;
  constructor(message: string, options?: LlmuxErrorOptions) {
    super(message, { code: 'content_policy_violation', ...options });
  }
}

export class AuthenticationError extends LlmuxError {
  constructor(message: string, options?: LlmuxErrorOptions) {
    // Another deployment holds other credentials, so falling back is allowed.
    super(message, 401, 'authentication_error', { retryable: false, fallbackAllowed: true }, options);
  }
}

export class PermissionDeniedError extends LlmuxError {
  constructor(message: string, options?: LlmuxErrorOptions) {
    super(message, 403, 'permission_denied', { retryable: false, fallbackAllowed: true }, options);
  }
}

export class NotFoundError extends LlmuxError {
  constructor(message: string, options?: LlmuxErrorOptions) {
    super(message, 404, 'not_found_error', { retryable: false, fallbackAllowed: true }, options);
  }
}

export class TimeoutError extends LlmuxError {
  constructor(message: string, options?: LlmuxErrorOptions) {
    super(message, 408, 'timeout', TRANSIENT, options);
  }
}

export class UnprocessableEntityError extends LlmuxError {
  constructor(message: string, options?: LlmuxErrorOptions) {
    super(message, 422, 'unprocessable_entity', CLIENT, options);
  }
}

export class RateLimitError extends LlmuxError {
  constructor(message: string, options?: LlmuxErrorOptions) {
    super(message, 429, 'rate_limit_error', TRANSIENT, options);
  }
}

/** A gateway budget (key, user, team, customer, global) is spent. Never retried. */
export class BudgetExceededError extends LlmuxError {
  constructor(message: string, options?: LlmuxErrorOptions) {
    super(message, 429, 'budget_exceeded', CLIENT, { code: 'budget_exceeded', ...options });
  }
}

export class InternalServerError extends LlmuxError {
  constructor(message: string, options?: LlmuxErrorOptions) {
    super(message, 500, 'api_error', TRANSIENT, options);
  }
}

export class BadGatewayError extends LlmuxError {
  constructor(message: string, options?: LlmuxErrorOptions) {
    super(message, 502, 'api_error', TRANSIENT, options);
  }
}

export class ServiceUnavailableError extends LlmuxError {
  constructor(message: string, options?: LlmuxErrorOptions) {
    super(message, 503, 'service_unavailable', TRANSIENT, options);
  }
}

export class GatewayTimeoutError extends LlmuxError {
  constructor(message: string, options?: LlmuxErrorOptions) {
    super(message, 504, 'timeout', TRANSIENT, options);
  }
}

/** The upstream could not be reached at all (refused, reset, DNS). */
export class APIConnectionError extends LlmuxError {
  constructor(message: string, options?: LlmuxErrorOptions) {
    super(message, 500, 'api_connection_error', TRANSIENT, options);
  }
}

/** The model's reply did not validate against the requested schema. */
export class JSONSchemaValidationError extends LlmuxError {
  /** The raw text the model returned. */
  readonly rawResponse: string;
  constructor(message: string, rawResponse: string, options?: LlmuxErrorOptions) {
    super(message, 500, 'json_schema_validation_error', TRANSIENT, options);
    this.rawResponse = rawResponse;
  }
}
