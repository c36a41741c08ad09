// What the management routes need, handed over at construction.

import type { Router } from 'llmux';
import type { AuditLog } from '../audit/audit-log.js';
import type { KeyInvalidation } from '../governance/key-invalidation.js';
import type { Store } from '../store/store.js';

export interface ManagementDeps {
  store: Store;
  invalidation: KeyInvalidation;
  audit: AuditLog;
  router: Router;
  now?: () => Date;
}
