// The one place that turns an error into what the client sees: a body in the client's
// dialect (OpenAI's shape by default), the error's status and headers, Retry-After when
// known. Anything that is not an LlmuxError is a gateway bug: the client gets a generic 500
// and the log line gets the details, tied to the request id.

import { encodeSseData, InternalServerError, isLlmuxError, maskKeysInText, toOpenAIErrorBody, type LlmuxError } from 'llmux';
import { clientGone } from './client-gone.js';
import { headerSafe } from './header-safe.js';
import type { RequestContext } from './request-context.js';
import { sendJson } from './send-json.js';

/** A dialect's error reply: the status and the JSON body for one error. */
export type ErrorReply = (error: LlmuxError) => { status: number; body: unknown };

/** Writes an error reply for a request (in one dialect). */
export type ErrorWriter = (context: RequestContext, error: unknown) => void;

const openAIReply: ErrorReply = (error) => ({ status: error.status, body: toOpenAIErrorBody(error) });

export function sendError(context: RequestContext, error: unknown): void {
  sendErrorAs(context, error, openAIReply);
}

/** Writes `error` with `reply`'s status and body; the record gets its class first. */
export function sendErrorAs(context: RequestContext, error: unknown, reply: ErrorReply): void {
  const response = context.response;
  if (clientGone(response)) {
    // The hang-up aborted the call; the abort error it caused is not a gateway fault.
    context.call.errorClass = 'ClientClosedRequest';
    return;
  }
  const clientError = recordError(context, error);
  if (response.writableEnded) return;
  // A reply that has begun cannot become an error reply; cutting it short tells the client.
  if (response.headersSent) {
    response.destroy();
    return;
  }
  const headers = context.headers;
  if (clientError.headers !== undefined) {
    for (const [name, value] of Object.entries(clientError.headers)) headers[name.toLowerCase()] ??= headerSafe(value);
  }
  if (clientError.retryAfterSeconds !== undefined) headers['retry-after'] = String(Math.max(0, Math.ceil(clientError.retryAfterSeconds)));
  const { status, body } = reply(clientError);
  sendJson(context, status, JSON.stringify(body));
}

/** The terminal SSE event for an error after a stream has begun: `data: {"error":{...}}`. */
export function encodeStreamError(context: RequestContext, error: unknown): string {
  return encodeSseData(toOpenAIErrorBody(recordError(context, error)));
}

/** Puts the error's class and message on the call record; a non-LlmuxError becomes a generic 500. */
export function recordError(context: RequestContext, error: unknown): LlmuxError {
  if (isLlmuxError(error)) {
    // A message may quote what the client sent (a key pasted as a model name): masked
    // here, so neither the reply nor the log line repeats a key.
    const masked = maskKeysInText(error.message);
    if (masked !== error.message) error.message = masked;
    context.call.errorClass = error.name;
    context.call.errorMessage = error.message;
    return error;
  }
  context.call.errorClass = error instanceof Error ? error.name : typeof error;
  context.call.unexpectedError = error;
  return new InternalServerError('Internal server error', { code: 'internal_error' });
}
