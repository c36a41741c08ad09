// The one log line per request: who, what, how it ended, how long, tokens and cost. Bodies,
// headers and keys are never logged; error messages come from the SDK already redacted.

import { performance } from 'node:perf_hooks';
import type { Logger } from 'pino';
import type { RequestContext, RequestLogFields } from '../http/request-context.js';

/** nginx's code for "client closed the connection before the reply was complete". */
const CLIENT_CLOSED = 499;

export function logRequest(logger: Logger, context: RequestContext): void {
  const response = context.response;
  const status = response.writableEnded ? response.statusCode : CLIENT_CLOSED;
  const level = levelOf(status, context.log);
  if (!logger.isLevelEnabled(level)) return;
  const { unexpectedError, ...fields } = context.log;
  const line = {
    requestId: context.id,
    method: context.method,
    path: context.path,
    status,
    latencyMs: Math.round((performance.now() - context.startedAt) * 100) / 100,
    ...fields,
    ...(unexpectedError === undefined ? {} : { err: unexpectedError }),
  };
  logger[level](line, 'request');
}

function levelOf(status: number, fields: RequestLogFields): 'info' | 'error' {
  if (fields.unexpectedError !== undefined) return 'error';
  if (status === CLIENT_CLOSED) return 'info';
  if (status >= 500) return 'error';
  // A 200 with an error is a stream that broke after it began: the client got a cut reply.
  if (status < 400 && fields.errorClass !== undefined) return 'error';
  return 'info';
}
