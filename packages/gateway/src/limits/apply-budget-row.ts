// A key's or customer's `budget_id` (LiteLLM's shared budget rows, /budget/*): the row's
// limits apply wherever the record sets none of its own. Spend stays the record's own: a
// budget row is a shared set of limits, not a shared pool. Applied when the record is
// loaded for the limiter (on a key-cache or customer-cache miss), never per call.

import type { Limits } from '../governance/identity.js';
import type { Store } from '../store/store.js';

export async function applyBudgetRow<T extends Limits & { budget_id?: string | null }>(store: Store, record: T): Promise<T> {
  if (record.budget_id === undefined || record.budget_id === null) return record;
  const budget = await store.getBudget(record.budget_id);
  if (budget === undefined) return record;
  return {
    ...record,
    max_budget: record.max_budget ?? budget.max_budget,
    soft_budget: record.soft_budget ?? budget.soft_budget,
    budget_duration: record.budget_duration ?? budget.budget_duration,
    budget_reset_at: record.budget_reset_at ?? budget.budget_reset_at,
    rpm_limit: record.rpm_limit ?? budget.rpm_limit,
    tpm_limit: record.tpm_limit ?? budget.tpm_limit,
    max_parallel_requests: record.max_parallel_requests ?? budget.max_parallel_requests,
  };
}
