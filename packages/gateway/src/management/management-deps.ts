// What the management routes need, handed over at construction.

import type { Router } from 'llmux';
import type { AuditLog } from '../audit/audit-log.js';
import type { KeyInvalidation } from '../governance/key-invalidation.js';
import type { NewRecordDefaults } from '../config/new-record-defaults-schema.js';
import type { Store } from '../store/store.js';

export interface ManagementDeps {
  store: Store;
  invalidation: KeyInvalidation;
  audit: AuditLog;
  router: Router;
  now?: () => Date;
  /** LiteLLM's default_team_params and default_internal_user_params, for /team/new and /user/new. */
  newTeamDefaults?: NewRecordDefaults | undefined;
  newUserDefaults?: NewRecordDefaults | undefined;
}
