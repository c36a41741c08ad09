// Google API errors (`{"error":{code,message,status,details}}`, google.rpc details) → typed
// errors, whether sent as an HTTP error or as an SSE event mid-stream. The canonical
// status string and ErrorInfo.reason decide the kind; RetryInfo.retryDelay becomes
// retryAfterSeconds.

import { createErrorFromStatus, type ParsedUpstreamError } from '../../errors/create-error-from-status.js';
import type { LlmuxError } from '../../errors/llmux-error.js';
import type { UpstreamErrorParser } from '../../http/create-upstream-error.js';
import type { WholeResponse } from '../../http/collect-response.js';
import type { HttpResponse } from '../../http/http-client.js';
import { parseRetryAfter } from '../../http/parse-retry-after.js';
import { readErrorText, tryParseJson } from '../../http/read-body.js';
import { redactSecrets } from '../../http/redact-secrets.js';
import { geminiErrorBodySchema, type GeminiErrorDetail } from './gemini-api.js';

export interface GeminiErrorContext {
  provider: string;
  model: string;
  secrets: ReadonlyArray<string | undefined>;
}

/** HTTP status of each google.rpc.Code, for errors that arrive inside a stream. */
const STATUS_BY_CODE: Readonly<Record<string, number>> = {
  INVALID_ARGUMENT: 400,
  FAILED_PRECONDITION: 400,
  OUT_OF_RANGE: 400,
  UNAUTHENTICATED: 401,
  PERMISSION_DENIED: 403,
  NOT_FOUND: 404,
  ABORTED: 409,
  ALREADY_EXISTS: 409,
  RESOURCE_EXHAUSTED: 429,
  CANCELLED: 499,
  UNKNOWN: 500,
  INTERNAL: 500,
  DATA_LOSS: 500,
  UNIMPLEMENTED: 501,
  UNAVAILABLE: 503,
  DEADLINE_EXCEEDED: 504,
};

const AUTHENTICATION_REASONS = new Set(['API_KEY_INVALID', 'API_KEY_EXPIRED', 'ACCESS_TOKEN_EXPIRED', 'ACCESS_TOKEN_TYPE_UNSUPPORTED', 'CREDENTIALS_MISSING']);
const CONTEXT_WINDOW_PATTERN = /input token count.*exceeds|exceeds the maximum number of tokens|context (?:window|length)|prompt is too long/i;

export const parseGeminiError: UpstreamErrorParser = (body, text) => {
  const detail = readGeminiErrorDetail(body);
  return detail === undefined ? { message: text.trim() } : toParsedError(detail);
};

/** Reads an HTTP error answer, taking the retry delay from RetryInfo before Retry-After. */
export async function createGeminiUpstreamError(response: HttpResponse | WholeResponse, context: GeminiErrorContext): Promise<LlmuxError> {
  const text = await readErrorText(response);
  const detail = readGeminiErrorDetail(tryParseJson(text));
  const parsed = detail === undefined ? { message: text.trim() } : toParsedError(detail);
  const message = redactSecrets(parsed.message || `${context.provider} returned HTTP ${response.status}`, context.secrets);
  return createErrorFromStatus(
    response.status,
    { ...parsed, message },
    {
      provider: context.provider,
      model: context.model,
      retryAfterSeconds: (detail === undefined ? undefined : retryDelaySeconds(detail)) ?? parseRetryAfter(response.headers),
    },
  );
}

/** True when a stream event or 200 body is an error report rather than data. */
export function isGeminiErrorPayload(body: unknown): boolean {
  return readGeminiErrorDetail(body) !== undefined;
}

/** An error that arrived after the 200 (an SSE event), as its HTTP twin would have been. */
export function createGeminiPayloadError(body: unknown, context: GeminiErrorContext): LlmuxError {
  const detail = readGeminiErrorDetail(body) ?? {};
  const parsed = toParsedError(detail);
  const status = detail.code !== null && detail.code !== undefined && detail.code >= 400 ? detail.code : (STATUS_BY_CODE[detail.status ?? ''] ?? 500);
  return createErrorFromStatus(
    status,
    { ...parsed, message: redactSecrets(parsed.message, context.secrets) },
    {
      provider: context.provider,
      model: context.model,
      retryAfterSeconds: retryDelaySeconds(detail),
    },
  );
}

/** Google also sends errors wrapped in a one-element array (streamGenerateContent without alt=sse). */
function readGeminiErrorDetail(body: unknown): GeminiErrorDetail | undefined {
  const parsed = geminiErrorBodySchema.safeParse(Array.isArray(body) && body.length === 1 ? body[0] : body);
  return parsed.success ? parsed.data.error : undefined;
}

function toParsedError(detail: GeminiErrorDetail): ParsedUpstreamError {
  const message = detail.message ?? detail.status ?? 'upstream reported an error';
  const reason = (detail.details ?? []).find((item) => item.reason)?.reason ?? undefined;
  return { message, code: reason ?? detail.status ?? null, kind: kindOf(detail.status, reason, message) };
}

function kindOf(status: string | null | undefined, reason: string | undefined, message: string): ParsedUpstreamError['kind'] {
  if (status === 'UNAUTHENTICATED' || (reason !== undefined && AUTHENTICATION_REASONS.has(reason))) return 'authentication';
  if (status === 'RESOURCE_EXHAUSTED') return 'rate_limit';
  if (status === 'UNAVAILABLE') return 'overloaded';
  if (status === 'INVALID_ARGUMENT' && CONTEXT_WINDOW_PATTERN.test(message)) return 'context_window';
  return undefined;
}

/** google.rpc.RetryInfo.retryDelay is a protobuf Duration in JSON: `"34.4s"`. */
function retryDelaySeconds(detail: GeminiErrorDetail): number | undefined {
  for (const item of detail.details ?? []) {
    const match = /^(\d+(?:\.\d+)?)s$/.exec(item.retryDelay ?? '');
    if (match !== null) return Number(match[1]);
  }
  return undefined;
}
