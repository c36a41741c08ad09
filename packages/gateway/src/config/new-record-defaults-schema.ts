// LiteLLM's defaults for records created later: `litellm_settings.default_team_params` (new
// teams) and `default_internal_user_params` (new internal users). Checked strictly, so a field
// llmux would not apply (a typo, or one it lacks) stops the start naming its path.

import { z } from 'zod';
import { budgetDuration } from './budget-duration-schema.js';

const limits = {
  models: z.array(z.string()).optional(),
  max_budget: z.number().nonnegative().optional(),
  budget_duration: budgetDuration.optional(),
  tpm_limit: z.number().int().nonnegative().optional(),
  rpm_limit: z.number().int().nonnegative().optional(),
};

export const newRecordDefaultsSettings = {
  default_team_params: z.strictObject(limits).optional(),
  default_internal_user_params: z
    .strictObject({ ...limits, user_role: z.enum(['proxy_admin', 'proxy_admin_viewer', 'internal_user', 'internal_user_viewer']).optional() })
    .optional(),
};

/** What a create request leaves out is taken from these (a field the request sets always wins). */
export type NewRecordDefaults = z.output<typeof newRecordDefaultsSettings.default_internal_user_params>;
