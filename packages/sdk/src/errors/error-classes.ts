// The typed error catalog, mirroring OpenAI's error classes (and LiteLLM's names), each
// with the status, OpenAI `type` and retry/fallback flags it always has.

import { LlmuxError, type LlmuxErrorOptions } from './llmux-error.js';

type ErrorFlags = { retryable: boolean; fallbackAllowed: boolean };
type CatalogErrorClass = new (message: string, options?: LlmuxErrorOptions) => LlmuxError;

const CLIENT: ErrorFlags = { retryable: false, fallbackAllowed: false };
const TRANSIENT: ErrorFlags = { retryable: true, fallbackAllowed: true };
/** Another deployment holds other credentials, models or permissions, so falling back is allowed. */
const DEPLOYMENT_SPECIFIC: ErrorFlags = { retryable: false, fallbackAllowed: true };

/**
 * The base a catalog class extends: an LlmuxError whose status, type and flags are fixed, and
 * whose options start from `defaults`. Each class still declares its own name (the error's
 * `name`, what `instanceof` checks), so only these four facts differ between them.
 */
function catalogError(status: number, type: string, flags: ErrorFlags, defaults: LlmuxErrorOptions = {}): CatalogErrorClass {
  return class extends LlmuxError {
    constructor(message: string, options?: LlmuxErrorOptions) {
      super(message, status, type, flags, { ...defaults, ...options });
    }
  };
}

export class BadRequestError extends catalogError(400, 'invalid_request_error', CLIENT) {}

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

export class AuthenticationError extends catalogError(401, 'authentication_error', DEPLOYMENT_SPECIFIC) {}

export class PermissionDeniedError extends catalogError(403, 'permission_denied', DEPLOYMENT_SPECIFIC) {}

export class NotFoundError extends catalogError(404, 'not_found_error', DEPLOYMENT_SPECIFIC) {}

export class TimeoutError extends catalogError(408, 'timeout', TRANSIENT) {}

export class UnprocessableEntityError extends catalogError(422, 'unprocessable_entity', CLIENT) {}

export class RateLimitError extends catalogError(429, 'rate_limit_error', TRANSIENT) {}

/** A gateway budget (key, user, team, customer, global) is spent. Never retried. */
export class BudgetExceededError extends catalogError(429, 'budget_exceeded', CLIENT, { code: 'budget_exceeded' }) {}

export class InternalServerError extends catalogError(500, 'api_error', TRANSIENT) {}

export class BadGatewayError extends catalogError(502, 'api_error', TRANSIENT) {}

export class ServiceUnavailableError extends catalogError(503, 'service_unavailable', TRANSIENT) {}

export class GatewayTimeoutError extends catalogError(504, 'timeout', TRANSIENT) {}

/** The upstream could not be reached at all (refused, reset, DNS). */
export class APIConnectionError extends catalogError(500, 'api_connection_error', TRANSIENT) {}

/** The model's reply did not validate against the requested schema. */
export class JSONSchemaValidationError extends catalogError(500, 'json_schema_validation_error', TRANSIENT) {
  /** The raw text the model returned. */
  readonly rawResponse: string;
  constructor(message: string, rawResponse: string, options?: LlmuxErrorOptions) {
    super(message, options);
    this.rawResponse = rawResponse;
  }
}
