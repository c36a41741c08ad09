// A virtual key's stored record with every limit unset, for tests that write keys to a store
// directly; `changes` sets the fields a test is about.

import type { KeyRecord } from '../../src/governance/identity.js';

export const NO_LIMITS = { max_budget: null, budget_duration: null, budget_reset_at: null, soft_budget: null, rpm_limit: null, tpm_limit: null, max_parallel_requests: null };

export function keyRecord(token: string, changes: Partial<KeyRecord> = {}): KeyRecord {
  const now = new Date();
  return {
    ...NO_LIMITS,
    token,
    key_name: 'sk-...abcd',
    key_alias: null,
    user_id: null,
    team_id: null,
    models: [],
    spend: 0,
    model_max_budget: {},
    model_rpm_limit: {},
    model_tpm_limit: {},
    metadata: {},
    blocked: false,
    expires: null,
    created_at: now,
    updated_at: now,
    ...changes,
  };
}
