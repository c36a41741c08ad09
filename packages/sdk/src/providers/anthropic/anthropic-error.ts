// Anthropic error bodies (`{"type":"error","error":{"type","message"}}`), sent as an HTTP
// error or as a mid-stream `event: error`, → typed errors.

import { createErrorFromStatus, type ParsedUpstreamError } from '../../errors/create-error-from-status.js';
import type { LlmuxError } from '../../errors/llmux-error.js';
import type { UpstreamErrorParser } from '../../http/create-upstream-error.js';
import { redactSecrets } from '../../http/redact-secrets.js';
import { anthropicErrorBodySchema } from './anthropic-api.js';

const CONTEXT_WINDOW_PATTERN = /prompt is too long|exceed(?:s|ed)? (?:the )?context (?:limit|window)|context window/i;

/** The HTTP status Anthropic uses for each error type, for errors that arrive inside a stream. */
const STATUS_BY_ERROR_TYPE: Readonly<Record<string, number>> = {
  invalid_request_error: 400,
  authentication_error: 401,
  billing_error: 402,
  permission_error: 403,
  not_found_error: 404,
  request_too_large: 413,
  rate_limit_error: 429,
  api_error: 500,
  timeout_error: 504,
  overloaded_error: 529,
};

export const parseAnthropicError: UpstreamErrorParser = (body, text) => {
  const parsed = anthropicErrorBodySchema.safeParse(body);
  if (!parsed.success) return { message: text.trim() };
  return toParsedError(parsed.data.error.type, parsed.data.error.message);
};

export interface AnthropicStreamErrorContext {
  provider: string;
  model: string;
  secrets: ReadonlyArray<string | undefined>;
}

/** A mid-stream `event: error`, as the typed error its HTTP twin would have been. */
export function createAnthropicStreamError(error: { type: string; message: string }, context: AnthropicStreamErrorContext): LlmuxError {
  const parsed = toParsedError(error.type, redactSecrets(error.message, context.secrets));
  return createErrorFromStatus(STATUS_BY_ERROR_TYPE[error.type] ?? 500, parsed, {
    provider: context.provider,
    model: context.model,
  });
}

function toParsedError(type: string, message: string): ParsedUpstreamError {
  return { message, code: type, kind: kindOf(type, message) };
}

function kindOf(type: string, message: string): ParsedUpstreamError['kind'] {
  if (type === 'overloaded_error') return 'overloaded';
  if (type === 'rate_limit_error') return 'rate_limit';
  if (type === 'authentication_error') return 'authentication';
  if (type === 'invalid_request_error' && CONTEXT_WINDOW_PATTERN.test(message)) return 'context_window';
  return undefined;
}
