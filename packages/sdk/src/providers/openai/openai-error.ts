// OpenAI-format error bodies → typed errors: `{"error":{message,type,param,code}}` from
// OpenAI and most compatible servers, the flat `{"object":"error","message":...}` of
// Mistral and vLLM, whether sent as an HTTP error, inside a 200, or as a stream event.

import { createErrorFromStatus, type ParsedUpstreamError } from '../../errors/create-error-from-status.js';
import type { LlmuxError } from '../../errors/llmux-error.js';
import type { UpstreamErrorParser } from '../../http/create-upstream-error.js';
import { redactSecrets } from '../../http/redact-secrets.js';
import { flatErrorBodySchema, openAIErrorBodySchema, type OpenAIErrorDetail } from './openai-api.js';

const CONTEXT_WINDOW_PATTERN = /maximum context length|context[_ ]length|context window|too many tokens|prompt is too long|reduce the length of the messages/i;
const CONTENT_POLICY_CODES = new Set(['content_filter', 'content_policy_violation']);

/** HTTP status for an error that arrived without one (inside a stream or a 200 body). */
const STATUS_BY_ERROR_TYPE: Readonly<Record<string, number>> = {
  invalid_request_error: 400,
  authentication_error: 401,
  permission_error: 403,
  not_found_error: 404,
  rate_limit_error: 429,
  requests: 429,
  tokens: 429,
  insufficient_quota: 429,
  server_error: 500,
  api_error: 500,
  overloaded_error: 503,
};

export interface OpenAIErrorContext {
  provider: string;
  model: string;
  secrets: ReadonlyArray<string | undefined>;
}

export const parseOpenAIError: UpstreamErrorParser = (body, text, status) => {
  const detail = readErrorDetail(body);
  if (detail === undefined) return { message: text.trim() };
  return toParsedError(detail, status);
};

/** True when a 200 body or a stream event is an error report rather than data. */
export function isOpenAIErrorPayload(body: unknown): boolean {
  if (typeof body !== 'object' || body === null) return false;
  const record = body as Record<string, unknown>;
  return (record['error'] !== undefined && record['error'] !== null) || record['object'] === 'error';
}

/** An error that arrived after the 200 (stream event, error body), as its HTTP twin would be. */
export function createOpenAIPayloadError(body: unknown, context: OpenAIErrorContext): LlmuxError {
  const detail = readErrorDetail(body) ?? { message: 'upstream reported an error' };
  const status = statusOf(detail);
  const parsed = toParsedError(detail, status);
  return createErrorFromStatus(
    status,
    { ...parsed, message: redactSecrets(parsed.message, context.secrets) },
    {
      provider: context.provider,
      model: context.model,
    },
  );
}

function readErrorDetail(body: unknown): OpenAIErrorDetail | undefined {
  const wrapped = openAIErrorBodySchema.safeParse(body);
  if (wrapped.success) {
    const error = wrapped.data.error;
    return typeof error === 'string' ? { message: error } : error;
  }
  const flat = flatErrorBodySchema.safeParse(body);
  return flat.success ? flat.data : undefined;
}

function toParsedError(detail: OpenAIErrorDetail, status: number): ParsedUpstreamError {
  const message = typeof detail.message === 'string' ? detail.message : JSON.stringify(detail.message ?? '');
  const code = typeof detail.code === 'number' ? String(detail.code) : detail.code;
  const kind = kindOf(code, detail.type, message, status);
  // A content-policy refusal keeps the provider's own name for it (Azure's content_filter), as LiteLLM's does.
  const policyCode = kind === 'content_policy' ? [code, detail.type].find((name) => name !== null && name !== undefined && CONTENT_POLICY_CODES.has(name)) : undefined;
  return { message, code: policyCode ?? code ?? detail.type ?? null, param: detail.param ?? null, kind };
}

function kindOf(code: string | null | undefined, type: string | null | undefined, message: string, status: number): ParsedUpstreamError['kind'] {
  if (code === 'context_length_exceeded') return 'context_window';
  if ((code !== null && code !== undefined && CONTENT_POLICY_CODES.has(code)) || (type !== null && type !== undefined && CONTENT_POLICY_CODES.has(type))) {
    return 'content_policy';
  }
  // Message text is the last resort, and only for client errors: a 429 or 5xx that mentions
  // tokens is about throughput, not about the prompt's size.
  if (status >= 400 && status < 500 && status !== 429 && CONTEXT_WINDOW_PATTERN.test(message)) return 'context_window';
  return undefined;
}

function statusOf(detail: OpenAIErrorDetail): number {
  if (typeof detail.code === 'number' && detail.code >= 400 && detail.code < 600) return detail.code;
  const status = (detail as { status?: unknown }).status;
  if (typeof status === 'number' && status >= 400 && status < 600) return status;
  if (detail.code === 'rate_limit_exceeded') return 429;
  return (detail.type !== null && detail.type !== undefined ? STATUS_BY_ERROR_TYPE[detail.type] : undefined) ?? 500;
}
