// Ollama error bodies (`{"error":"<message>"}`), sent with an HTTP status or, after a stream
// has begun, as one more NDJSON line under a 200 → typed errors.

import { createErrorFromStatus, type ParsedUpstreamError } from '../../errors/create-error-from-status.js';
import type { LlmuxError } from '../../errors/llmux-error.js';
import type { UpstreamErrorParser } from '../../http/create-upstream-error.js';
import type { PayloadErrorReader } from '../parse-json-body.js';
import { redactSecrets } from '../../http/redact-secrets.js';
import { ollamaErrorBodySchema } from './ollama-api.js';

const CONTEXT_WINDOW_PATTERN = /context length|context window|exceeds? (?:the )?(?:maximum )?context|too many tokens/i;

export interface OllamaErrorContext {
  provider: string;
  model: string;
  secrets: ReadonlyArray<string | undefined>;
}

export const parseOllamaError: UpstreamErrorParser = (body, text, status) => {
  const parsed = ollamaErrorBodySchema.safeParse(body);
  // Unknown routes answer with Go's plain-text "404 page not found".
  const message = parsed.success ? parsed.data.error : text.trim();
  return toParsedError(message, status);
};

/** The text of an error line or body, or undefined when the value is data. */
export function readOllamaErrorMessage(value: unknown): string | undefined {
  const parsed = ollamaErrorBodySchema.safeParse(value);
  return parsed.success ? parsed.data.error : undefined;
}

/**
 * An error that arrived after the 200 (a stream line or a 200 body). Ollama gives it no
 * status; a failure while running the model is a server error, so it may be retried.
 */
export function createOllamaPayloadError(message: string, context: OllamaErrorContext): LlmuxError {
  const status = 500;
  return createErrorFromStatus(status, toParsedError(redactSecrets(message, context.secrets), status), {
    provider: context.provider,
    model: context.model,
  });
}

function toParsedError(message: string, status: number): ParsedUpstreamError {
  // Only a client error that names the context is about the prompt's size.
  const kind = status === 400 && CONTEXT_WINDOW_PATTERN.test(message) ? 'context_window' : undefined;
  return { message, kind };
}

/** An `{"error"}` body under a 200 is still an error (read by parseJsonBody). */
export const OLLAMA_PAYLOAD_ERRORS: PayloadErrorReader = {
  isError: (body) => readOllamaErrorMessage(body) !== undefined,
  create: (body, context) => createOllamaPayloadError(readOllamaErrorMessage(body) ?? '', context),
};
