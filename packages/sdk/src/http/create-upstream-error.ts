// Turns a non-2xx upstream response into the typed error, using the provider's own body
// parser. Shared by every provider so that status mapping, retry-after and secret
// redaction happen in exactly one place.

import { createErrorFromStatus, type ParsedUpstreamError } from '../errors/create-error-from-status.js';
import type { LlmuxError } from '../errors/llmux-error.js';
import type { WholeResponse } from './collect-response.js';
import type { HttpResponse } from './http-client.js';
import { parseRetryAfter } from './parse-retry-after.js';
import { readErrorText, tryParseJson } from './read-body.js';
import { redactSecrets } from './redact-secrets.js';

export type UpstreamErrorParser = (body: unknown, text: string, status: number) => ParsedUpstreamError;

/** Reads a non-2xx response into the provider's typed error. */
export type UpstreamErrorFactory = (response: HttpResponse | WholeResponse, context: UpstreamErrorContext) => Promise<LlmuxError>;

export interface UpstreamErrorContext {
  provider: string;
  model: string;
  /** Credentials to scrub from any message the upstream sent back. */
  secrets: ReadonlyArray<string | undefined>;
}

export async function createUpstreamError(response: HttpResponse | WholeResponse, parse: UpstreamErrorParser, context: UpstreamErrorContext): Promise<LlmuxError> {
  const text = await readErrorText(response);
  const parsed = parse(tryParseJson(text), text, response.status);
  const message = redactSecrets(parsed.message || `${context.provider} returned HTTP ${response.status}`, context.secrets);
  return createErrorFromStatus(
    response.status,
    { ...parsed, message },
    {
      provider: context.provider,
      model: context.model,
      retryAfterSeconds: parseRetryAfter(response.headers) ?? parsed.retryAfterSeconds,
    },
  );
}

/** Binds a provider's body parser once, at module load, so no call allocates a closure for it. */
export function createUpstreamErrorFactory(parse: UpstreamErrorParser): UpstreamErrorFactory {
  return (response, context) => createUpstreamError(response, parse, context);
}
