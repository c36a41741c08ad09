// The one place that turns an error into what the client sees: an OpenAI-shaped body from
// the SDK's serializer, the error's status and headers, Retry-After when known. Anything
// that is not an LlmuxError is a gateway bug: the client gets a generic 500 and the log
// line gets the details, tied to the request id.

import { encodeSseData, InternalServerError, isLlmuxError, toOpenAIErrorBody, type LlmuxError } from 'llmux';
import { clientGone } from './client-gone.js';
import { headerSafe } from './header-safe.js';
import type { RequestContext } from './request-context.js';
import { sendJson } from './send-json.js';

export function sendError(context: RequestContext, error: unknown): void {
  const response = context.response;
  if (clientGone(response)) {
    // The hang-up aborted the call; the abort error it caused is not a gateway fault.
    context.log.errorClass = 'ClientClosedRequest';
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
  sendJson(context, clientError.status, JSON.stringify(toOpenAIErrorBody(clientError)));
}

/** The terminal SSE event for an error after a stream has begun: `data: {"error":{...}}`. */
export function encodeStreamError(context: RequestContext, error: unknown): string {
  return encodeSseData(toOpenAIErrorBody(recordError(context, error)));
}

function recordError(context: RequestContext, error: unknown): LlmuxError {
  if (isLlmuxError(error)) {
    context.log.errorClass = error.name;
    context.log.errorMessage = error.message;
    return error;
  }
  context.log.errorClass = error instanceof Error ? error.name : typeof error;
  context.log.unexpectedError = error;
  return new InternalServerError('Internal server error', { code: 'internal_error' });
}
