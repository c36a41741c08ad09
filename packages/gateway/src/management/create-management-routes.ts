// Every management route (LiteLLM's admin API), built from one set of dependencies. Their
// errors echo names the caller gave (ids, aliases, keys); anything key-shaped in them is
// masked here, once for all of them, before the error reaches the client or the log. A
// database that cannot be reached is a 503 with retry-after here, for all of them too.

import { isLlmuxError, maskKeysInText } from 'llmux';
import type { Route } from '../http/route.js';
import { throwStoreError } from '../store/throw-store-error.js';
import { createAuditRoutes } from './audit-routes.js';
import { createBudgetRoutes } from './budget-routes.js';
import { createCustomerRoutes } from './customer-routes.js';
import { createDailyActivityRoutes } from './daily-activity-routes.js';
import { createKeyStateRoutes } from './key-state-routes.js';
import { createKeyWriteRoutes } from './key-write-routes.js';
import type { ManagementDeps } from './management-deps.js';
import { createModelGroupRoutes } from './model-group-routes.js';
import { createModelRoutes } from './model-routes.js';
import { createModelUpdateRoutes } from './model-update-routes.js';
import { createOrganizationRoutes } from './organization-routes.js';
import { createSpendRoutes } from './spend-routes.js';
import { createTagRoutes } from './tag-routes.js';
import { createTeamMemberRoutes } from './team-member-routes.js';
import { createTeamRoutes } from './team-routes.js';
import { createUserRoutes } from './user-routes.js';

export function createManagementRoutes(deps: ManagementDeps): Route[] {
  const routes = [
    ...createKeyWriteRoutes(deps),
    ...createKeyStateRoutes(deps),
    ...createUserRoutes(deps),
    ...createTeamRoutes(deps),
    ...createTeamMemberRoutes(deps),
    ...createCustomerRoutes(deps),
    ...createModelRoutes(deps),
    ...createModelUpdateRoutes(deps),
    ...createModelGroupRoutes(deps),
    ...createSpendRoutes(deps),
    ...createAuditRoutes(deps),
    ...createBudgetRoutes(deps),
    ...createTagRoutes(deps),
    ...createOrganizationRoutes(deps),
    ...createDailyActivityRoutes(deps),
  ];
  return routes.map(maskingErrorText);
}

function maskingErrorText(route: Route): Route {
  const handle = route.handle.bind(route);
  return {
    ...route,
    async handle(context) {
      try {
        await handle(context);
      } catch (error) {
        if (!isLlmuxError(error)) throwStoreError(error);
        error.message = maskKeysInText(error.message);
        throw error;
      }
    },
  };
}
