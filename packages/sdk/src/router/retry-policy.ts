// How many times a failed call may be retried: `retry_policy` for the error's class when it
// names one (the operator's explicit choice), else `num_retries` for retryable errors only.

import { LlmuxError } from '../errors/llmux-error.js';
import { classifyError } from './classify-error.js';
import type { RetryPolicy } from './router-settings.js';

export function allowedRetries(error: unknown, numRetries: number, policy: RetryPolicy | undefined): number {
  if (!(error instanceof LlmuxError)) return 0;
  const errorClass = classifyError(error);
  if (policy !== undefined && errorClass !== undefined) {
    const fromPolicy = policy[`${errorClass}Retries`];
    if (fromPolicy !== undefined) return fromPolicy;
  }
  return error.retryable ? numRetries : 0;
}
