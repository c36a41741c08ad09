// AWS errors → typed errors. AWS names the error in the `x-amzn-ErrorType` header (or
// `__type` / `code` in the body) and puts the text in `message` / `Message`; inside an
// event stream the same names arrive as `:exception-type` frames. A service declares what
// its names mean in a table; the name outranks the HTTP status, since AWS answers, for
// instance, ModelNotReady with a 429 that retrying soon will not fix.

import { createErrorFromStatus, type ParsedUpstreamError } from '../../errors/create-error-from-status.js';
import type { LlmuxError } from '../../errors/llmux-error.js';
import { headerValue, readErrorText, tryParseJson } from '../../http/read-body.js';
import type { WholeResponse } from '../../http/collect-response.js';
import type { HttpResponse } from '../../http/http-client.js';
import { parseRetryAfter } from '../../http/parse-retry-after.js';
import { redactSecrets } from '../../http/redact-secrets.js';

interface AwsErrorType {
  /** The status a client sees. */
  status: number;
  kind?: ParsedUpstreamError['kind'];
  /** The model's own status (`originalStatusCode`) is more precise when it is a client error. */
  useOriginalStatus?: boolean;
}

/** Error name → meaning; names are matched without regard to case (streams use camelCase). */
export type AwsErrorTable = Readonly<Record<string, AwsErrorType>>;

/** Errors every AWS front end returns before the service sees the call. */
const COMMON_AWS_ERRORS: AwsErrorTable = {
  UnrecognizedClientException: { status: 401, kind: 'authentication' },
  InvalidSignatureException: { status: 401, kind: 'authentication' },
  IncompleteSignatureException: { status: 401, kind: 'authentication' },
  MissingAuthenticationTokenException: { status: 401, kind: 'authentication' },
  ExpiredTokenException: { status: 401, kind: 'authentication' },
  InvalidClientTokenId: { status: 401, kind: 'authentication' },
  AccessDeniedException: { status: 403 },
  ThrottlingException: { status: 429, kind: 'rate_limit' },
};

export interface AwsErrorContext {
  provider: string;
  model: string;
  secrets: ReadonlyArray<string | undefined>;
}

const CONTEXT_WINDOW_PATTERN =
  /input is too long|too many (?:input )?tokens|prompt is too long|context (?:length|window)|maximum context|max_new_tokens` must be <=|input length .* exceeds/i;

const lowerCaseTables = new WeakMap<AwsErrorTable, Map<string, AwsErrorType>>();

/** A non-2xx AWS answer as the typed error. */
export async function createAwsHttpError(response: HttpResponse | WholeResponse, table: AwsErrorTable, context: AwsErrorContext): Promise<LlmuxError> {
  const text = await readErrorText(response);
  // S3 answers its errors in XML (`<Error><Code>NoSuchKey</Code><Message>…`), the rest in JSON.
  const body = tryParseJson(text) ?? readXmlError(text);
  const name = errorName(headerValue(response.headers, 'x-amzn-errortype')) ?? errorName(field(body, '__type') ?? field(body, 'code') ?? field(body, 'Code'));
  const message = field(body, 'message') ?? field(body, 'Message') ?? text.trim();
  return toTypedError(name, message, body, response.status, table, context, parseRetryAfter(response.headers));
}

/** An `:message-type: exception` (or `error`) frame inside an event stream. */
export function createAwsStreamError(name: string | undefined, payload: string, table: AwsErrorTable, context: AwsErrorContext): LlmuxError {
  const body = tryParseJson(payload);
  const message = field(body, 'message') ?? field(body, 'Message') ?? (payload.trim() || `${context.provider} stream failed`);
  return toTypedError(name, message, body, undefined, table, context);
}

function toTypedError(
  name: string | undefined,
  rawMessage: string,
  body: unknown,
  httpStatus: number | undefined,
  table: AwsErrorTable,
  context: AwsErrorContext,
  retryAfterSeconds?: number,
): LlmuxError {
  const known = name === undefined ? undefined : lookUp(table, name);
  let status = known?.status ?? httpStatus ?? 500;
  let kind = known?.kind;
  if (known?.useOriginalStatus === true) {
    const original = numberField(body, 'originalStatusCode') ?? numberField(body, 'OriginalStatusCode');
    if (original === 429) kind = 'rate_limit';
    else if (original !== undefined && original >= 400 && original < 500) status = original;
  }
  const detail = `${rawMessage} ${field(body, 'originalMessage') ?? field(body, 'OriginalMessage') ?? ''}`;
  if (kind === undefined && status >= 400 && status < 500 && status !== 429 && CONTEXT_WINDOW_PATTERN.test(detail)) kind = 'context_window';
  const message = redactSecrets(rawMessage || `${context.provider} returned ${name ?? `HTTP ${status}`}`, context.secrets);
  return createErrorFromStatus(
    status,
    { message, code: name ?? null, kind },
    {
      provider: context.provider,
      model: context.model,
      retryAfterSeconds,
    },
  );
}

function lookUp(table: AwsErrorTable, name: string): AwsErrorType | undefined {
  let lower = lowerCaseTables.get(table);
  if (lower === undefined) {
    lower = new Map([...Object.entries(COMMON_AWS_ERRORS), ...Object.entries(table)].map(([key, value]) => [key.toLowerCase(), value]));
    lowerCaseTables.set(table, lower);
  }
  return lower.get(name.toLowerCase());
}

/** `ValidationException:http://internal.amazon.com/...` and `aws.protocols#Name` → the bare name. */
function errorName(raw: string | undefined): string | undefined {
  if (raw === undefined || raw === '') return undefined;
  const withoutUrl = raw.split(':')[0] ?? raw;
  const hash = withoutUrl.lastIndexOf('#');
  return hash === -1 ? withoutUrl : withoutUrl.slice(hash + 1);
}

/** `Code` and `Message` of an S3 XML error document; undefined for any other text. */
function readXmlError(text: string): Record<string, string> | undefined {
  if (!text.trimStart().startsWith('<')) return undefined;
  const read = (tag: string): string | undefined => new RegExp(`<${tag}>([^<]*)</${tag}>`).exec(text)?.[1];
  const code = read('Code');
  if (code === undefined) return undefined;
  return { Code: code, Message: read('Message') ?? '' };
}

function field(body: unknown, name: string): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const value = (body as Record<string, unknown>)[name];
  return typeof value === 'string' ? value : undefined;
}

function numberField(body: unknown, name: string): number | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const value = (body as Record<string, unknown>)[name];
  return typeof value === 'number' ? value : undefined;
}
