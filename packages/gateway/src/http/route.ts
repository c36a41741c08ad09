// A route: one handler served at one or more paths for one method.

import type { RequestContext } from './request-context.js';

export type HttpMethod = 'GET' | 'POST';

export interface Route {
  method: HttpMethod;
  paths: readonly string[];
  /** Open routes (health checks) skip the governance pre-hooks. */
  open?: boolean;
  handle(context: RequestContext): Promise<void> | void;
}
