// What the API routes need from the gateway, handed over at construction.

import type { Router } from 'llmux';
import type { CallAccounting } from '../spend/call-accounting.js';

export interface RouteDependencies {
  router: Router;
  /** Request bodies above this many bytes are refused with 413. */
  bodyLimitBytes: number;
  /** Rate limits, budgets and spend around each call (absent: none). */
  accounting?: CallAccounting;
}
