// A route: one handler served at one or more paths for one method. A path may hold
// parameters in braces (`/v1/responses/{id}`); the handler reads them from context.params.

import type { RequestContext } from './request-context.js';
import type { ErrorWriter } from './send-error.js';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface Route {
  method: HttpMethod;
  paths: readonly string[];
  /** Open routes (health checks) skip the governance pre-hooks. */
  open?: boolean;
  /** Words every error of this route in the client's dialect (default: OpenAI's shape). */
  writeError?: ErrorWriter;
  handle(context: RequestContext): Promise<void> | void;
}
