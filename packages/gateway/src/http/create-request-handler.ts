// The request lifecycle: context (request id) → route lookup → governance pre-hooks →
// route handler → one error path (the route's dialect) → one log line. node:http calls this directly.

import type { IncomingMessage, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import type { Logger } from 'pino';
import { runPreHooks, type PreHook } from '../governance/pre-hook.js';
import { createRequestLog } from '../logging/log-request.js';
import { requestStatus } from '../logging/request-status.js';
import type { RequestObserver } from '../observability/request-observer.js';
import { createRequestContext, type RequestContext } from './request-context.js';
import type { Route } from './route.js';
import type { RouteTable } from './route-table.js';
import { sendError } from './send-error.js';

export interface RequestHandlerOptions {
  routes: RouteTable;
  preHooks: readonly PreHook[];
  logger: Logger;
  /** Metrics, callbacks, traces, alerts: told when a request starts and after it is answered. */
  observer?: RequestObserver | undefined;
}

export function createRequestHandler(options: RequestHandlerOptions): (request: IncomingMessage, response: ServerResponse) => void {
  const { routes, preHooks, logger, observer } = options;
  const logRequest = createRequestLog(logger);

  const handle = async (context: RequestContext): Promise<void> => {
    let route: Route | undefined;
    try {
      route = routes.lookup(context.method, context.path, context);
      if (route.open !== true && preHooks.length > 0) await runPreHooks(preHooks, context);
      await route.handle(context);
    } catch (error) {
      // Every error, authentication's included, in the dialect of the door the client used.
      const writeError = route === undefined ? routes.errorWriterFor(context.path) : route.writeError;
      (writeError ?? sendError)(context, error);
    }
    logRequest(context);
    observer?.end(context, requestStatus(context.response));
  };

  return (request, response) => {
    const context = createRequestContext(request, response, performance.now());
    observer?.start?.(context);
    handle(context).catch((error: unknown) => {
      // Only reached if writing the error itself failed; the connection is all we can cut.
      logger.error({ requestId: context.id, err: error }, 'failed to answer a request');
      response.destroy();
    });
  };
}
