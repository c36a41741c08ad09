// The one log line per request: who (key alias, team, user; never the key), what, how it
// ended, how long, tokens and cost. At debug level (`--detailed_debug`) it adds the request
// and response metadata, whose secrets the logger redacts. Bodies are never logged; error
// messages come from the SDK already redacted, and are masked again here for anything
// key-shaped a client sent (a key in a field, a malformed key named in a query).

import { performance } from 'node:perf_hooks';
import { maskKeysInText } from 'llmux';
import type { DestinationStream, Logger } from 'pino';
import type { RequestContext, RequestLogFields } from '../http/request-context.js';
import { readCaller } from '../observability/read-caller.js';
import { destinationOf } from './create-logger.js';
import { requestLine, type LineValue } from './request-line.js';
import { CLIENT_CLOSED, requestStatus } from './request-status.js';

/** The request handler's log writer for `logger`; what depends only on the logger is looked up once. */
export function createRequestLog(logger: Logger): (context: RequestContext) => void {
  const destination = destinationOf(logger);
  return (context) => logRequest(logger, destination, context);
}

function logRequest(logger: Logger, destination: DestinationStream | undefined, context: RequestContext): void {
  // A failed request's fields may hold what the client sent (a key as `model`, in a message):
  // masked before the level check and in place, so the metrics, callbacks, traces and alerts
  // told after this line read them masked too (create-request-handler.ts logs, then tells the
  // observer). Answered requests carry only served names and counts: no cost on that path.
  if (context.log.errorMessage !== undefined) maskFields(context.log);
  const response = context.response;
  const status = requestStatus(response);
  const level = levelOf(status, context.log);
  if (!logger.isLevelEnabled(level)) return;
  const caller = readCaller(context);
  const latencyMs = Math.round((performance.now() - context.startedAt) * 100) / 100;
  // The common case, written by hand: no stack to serialise, no headers to redact.
  if (destination !== undefined && context.log.unexpectedError === undefined && !logger.isLevelEnabled('debug')) {
    const head = { requestId: context.id, method: context.method, path: context.path, status, latencyMs, keyAlias: caller.keyAlias, teamId: caller.teamId, userId: caller.userId };
    destination.write(requestLine(level, head, context.log as Readonly<Record<string, LineValue>>));
    return;
  }
  const { unexpectedError, ...fields } = context.log;
  const line = {
    requestId: context.id,
    method: context.method,
    path: context.path,
    status,
    latencyMs,
    ...(caller.keyAlias === undefined ? {} : { keyAlias: caller.keyAlias }),
    ...(caller.teamId === undefined ? {} : { teamId: caller.teamId }),
    ...(caller.userId === undefined ? {} : { userId: caller.userId }),
    ...fields,
    ...(unexpectedError === undefined ? {} : { err: unexpectedError }),
    ...(logger.isLevelEnabled('debug') ? detailsOf(context) : {}),
  };
  logger[level](line, 'request');
}

/** Request and response metadata for `--detailed_debug`; the logger's redact paths mask secrets. */
function detailsOf(context: RequestContext): Record<string, unknown> {
  const request = context.request;
  return {
    request: { headers: { ...request.headers }, remoteAddress: request.socket.remoteAddress, httpVersion: request.httpVersion },
    response: { headers: { ...context.response.getHeaders() } },
  };
}

function levelOf(status: number, fields: RequestLogFields): 'info' | 'error' {
  if (fields.unexpectedError !== undefined) return 'error';
  if (status === CLIENT_CLOSED) return 'info';
  if (status >= 500) return 'error';
  // A 200 with an error is a stream that broke after it began: the client got a cut reply.
  if (status < 400 && fields.errorClass !== undefined) return 'error';
  return 'info';
}

function maskFields(fields: RequestLogFields): void {
  const record = fields as Record<string, unknown>;
  for (const name in record) {
    const value = record[name];
    if (typeof value === 'string') record[name] = maskKeysInText(value);
  }
}
