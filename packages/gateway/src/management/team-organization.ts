// A team's organization (LiteLLM's organization_id on /team/new and /team/update): checked
// here, apart from the organization routes, so the team routes need nothing else of them.

import { BadRequestError } from 'llmux';
import type { Store } from '../store/store.js';

/**
 * A team may join an existing organization only, with a budget no larger than the
 * organization's (LiteLLM's 400 "Team max_budget exceeds organization's max_budget").
 */
export async function checkTeamOrganization(store: Store, organizationId: string, teamMaxBudget: number | null): Promise<void> {
  const organization = await store.getOrganization(organizationId);
  if (organization === undefined) throw new BadRequestError(`Organization not found: ${organizationId}`, { code: 'organization_not_found', param: 'organization_id' });
  const budget = organization.budget_id === null ? undefined : await store.getBudget(organization.budget_id);
  const cap = budget?.max_budget ?? null;
  if (cap !== null && teamMaxBudget !== null && teamMaxBudget > cap) {
    throw new BadRequestError(`Team max_budget (${teamMaxBudget}) exceeds organization's max_budget (${cap}).`, { code: 'invalid_value', param: 'max_budget' });
  }
}
