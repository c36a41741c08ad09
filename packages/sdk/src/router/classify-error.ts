// Names an error by LiteLLM's policy classes (retry_policy, allowed_fails_policy). Decided
// by class, never by message text; subclasses land in their parent's class.

import { AuthenticationError, BadRequestError, ContentPolicyViolationError, GatewayTimeoutError, RateLimitError, TimeoutError } from '../errors/error-classes.js';
import { LlmuxError } from '../errors/llmux-error.js';

export type PolicyErrorClass = 'BadRequestError' | 'AuthenticationError' | 'TimeoutError' | 'RateLimitError' | 'ContentPolicyViolationError' | 'InternalServerError';

export function classifyError(error: unknown): PolicyErrorClass | undefined {
  if (!(error instanceof LlmuxError)) return undefined;
  if (error instanceof ContentPolicyViolationError) return 'ContentPolicyViolationError';
  if (error instanceof BadRequestError) return 'BadRequestError';
  if (error instanceof AuthenticationError) return 'AuthenticationError';
  if (error instanceof TimeoutError || error instanceof GatewayTimeoutError) return 'TimeoutError';
  if (error instanceof RateLimitError) return 'RateLimitError';
  // Every other retryable failure is the upstream's own (5xx, connection lost).
  if (error.retryable) return 'InternalServerError';
  return undefined;
}

/**
 * Whether a failure says something about the deployment (and so counts towards its
 * cooldown): transient failures and credential/permission errors do; a bad request is the
 * caller's fault and would fail anywhere.
 */
export function blamesDeployment(error: unknown): boolean {
  if (!(error instanceof LlmuxError)) return false;
  if (error.retryable) return true;
  return error.fallbackAllowed && !(error instanceof BadRequestError);
}
