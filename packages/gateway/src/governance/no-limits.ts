// The limits of an entity made on the fly (a team member's first user row, an end user's
// first spend): none, as LiteLLM creates them.

import type { Limits } from './identity.js';

export const NO_LIMITS: { readonly [Field in keyof Limits]: null } = {
  max_budget: null,
  budget_duration: null,
  budget_reset_at: null,
  soft_budget: null,
  rpm_limit: null,
  tpm_limit: null,
  max_parallel_requests: null,
};
