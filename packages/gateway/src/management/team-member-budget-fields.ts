// LiteLLM's default allowance for every member of a team: `team_member_budget` (USD) and
// `team_member_budget_duration` on /team/new and /team/update. Kept in the team's metadata
// under the same names (null removes them); a membership's own max_budget_in_team replaces the
// default for that member (team-member-budgets/).

import { z } from 'zod';
import { durationSchema } from './limit-fields-schema.js';

export const teamMemberBudgetFields = {
  team_member_budget: z.number().nonnegative().nullable().optional(),
  team_member_budget_duration: durationSchema.nullable().optional(),
};

type MemberBudgetBody = { team_member_budget?: number | null | undefined; team_member_budget_duration?: string | null | undefined };

/** The metadata with the body's member-budget fields folded in, or undefined when the body names none. */
export function foldMemberBudgetFields(body: MemberBudgetBody, metadata: Record<string, unknown> | null | undefined): Record<string, unknown> | undefined {
  if (body.team_member_budget === undefined && body.team_member_budget_duration === undefined) return undefined;
  const folded: Record<string, unknown> = { ...(metadata ?? {}) };
  for (const field of ['team_member_budget', 'team_member_budget_duration'] as const) {
    const value = body[field];
    if (value === null) delete folded[field];
    else if (value !== undefined) folded[field] = value;
  }
  return folded;
}
