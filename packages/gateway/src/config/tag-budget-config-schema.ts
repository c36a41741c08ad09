// LiteLLM's `litellm_settings.tag_budget_config`: tag → max_budget (USD) per budget_duration,
// enforced on every call carrying the tag (spend/configured-tag-budgets.ts). Checked strictly:
// a misspelt field would be a budget never enforced, so the start is refused naming its path.
// budget_duration is required because LiteLLM counts these budgets per period only.

import { z } from 'zod';
import { budgetDuration } from './budget-duration-schema.js';

export const tagBudgetConfig = z.record(z.string().min(1), z.strictObject({ max_budget: z.number().nonnegative(), budget_duration: budgetDuration }));

export type TagBudgetConfig = z.output<typeof tagBudgetConfig>;
