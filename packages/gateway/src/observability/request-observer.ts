// What observes each request: metrics, callbacks, traces, alerts. The request handler calls
// start() on arrival and end() after the reply and the log line, off the response's path.

import type { RequestContext } from '../http/request-context.js';

export interface RequestObserver {
  start?(context: RequestContext): void;
  /** `status` is the reported status (499 when the client hung up first). */
  end(context: RequestContext, status: number): void;
}

/** One observer from many, so the handler makes one call whatever is configured. */
export function composeObservers(observers: readonly RequestObserver[]): RequestObserver | undefined {
  if (observers.length === 0) return undefined;
  if (observers.length === 1) return observers[0];
  const starts = observers.filter((observer) => observer.start !== undefined);
  return {
    start: (context) => {
      for (const observer of starts) observer.start?.(context);
    },
    end: (context, status) => {
      for (const observer of observers) observer.end(context, status);
    },
  };
}
