// Cohere error bodies (`{"message":"..."}`) → typed errors, and the replies Cohere ends with
// finish_reason ERROR or TIMEOUT (or a `message-end` carrying `error`), which are failures
// even though they arrive under a 200.

import { GatewayTimeoutError, InternalServerError } from '../../errors/error-classes.js';
import type { ParsedUpstreamError } from '../../errors/create-error-from-status.js';
import type { LlmuxError } from '../../errors/llmux-error.js';
import type { UpstreamErrorParser } from '../../http/create-upstream-error.js';
import { redactSecrets } from '../../http/redact-secrets.js';
import { cohereErrorBodySchema } from './cohere-api.js';

const CONTEXT_WINDOW_PATTERN = /too many tokens|context length|context window|maximum (?:number of )?tokens/i;

export interface CohereErrorContext {
  provider: string;
  model: string;
  secrets: ReadonlyArray<string | undefined>;
}

export const parseCohereError: UpstreamErrorParser = (body, text, status) => {
  const parsed = cohereErrorBodySchema.safeParse(body);
  const message = parsed.success ? parsed.data.message : text.trim();
  return { message, kind: kindOf(message, status) };
};

function kindOf(message: string, status: number): ParsedUpstreamError['kind'] {
  // 498 is Cohere's "invalid token", which the generic mapping would call a bad request.
  if (status === 498) return 'authentication';
  // Message text decides only for client errors: a 429 about tokens is about throughput.
  if (status >= 400 && status < 500 && status !== 429 && CONTEXT_WINDOW_PATTERN.test(message)) return 'context_window';
  return undefined;
}

/**
 * The error a finished reply stands for, or undefined when it is a normal ending. Cohere
 * ends a failed generation with finish_reason ERROR or TIMEOUT instead of an HTTP error;
 * passing it on as a short answer would hide the failure.
 */
export function createCohereFinishError(finishReason: string | null | undefined, errorText: string | null | undefined, context: CohereErrorContext): LlmuxError | undefined {
  const options = { provider: context.provider, model: context.model };
  const detail = errorText ? `: ${redactSecrets(errorText, context.secrets)}` : '';
  if (finishReason === 'TIMEOUT') return new GatewayTimeoutError(`${context.provider} stopped generating: timeout${detail}`, options);
  if (finishReason === 'ERROR' || (errorText !== null && errorText !== undefined && errorText !== '')) {
    return new InternalServerError(`${context.provider} failed while generating${detail}`, options);
  }
  return undefined;
}

/** An error report inside a stream, which has no status: a server-side failure, retryable. */
export function createCohereStreamError(message: string, context: CohereErrorContext): LlmuxError {
  return new InternalServerError(`${context.provider} failed while generating: ${redactSecrets(message, context.secrets)}`, {
    provider: context.provider,
    model: context.model,
  });
}
