// What the API routes need from the gateway, handed over at construction.

import type { Router } from 'llmux';

export interface RouteDependencies {
  router: Router;
  /** Request bodies above this many bytes are refused with 413. */
  bodyLimitBytes: number;
}
