// Records as the management API returns them: LiteLLM's shapes, dates as ISO text. A key
// is shown by its hash (`token`) and display name, never in full after /key/generate.

import type { CustomerRecord, KeyRecord, TeamRecord, UserRecord } from '../governance/identity.js';

const iso = (date: Date | null): string | null => (date === null ? null : date.toISOString());

export function renderKey(key: KeyRecord): Record<string, unknown> {
  return {
    token: key.token,
    key_name: key.key_name,
    key_alias: key.key_alias,
    spend: key.spend,
    expires: iso(key.expires),
    models: key.models,
    aliases: {},
    config: {},
    user_id: key.user_id,
    team_id: key.team_id,
    max_parallel_requests: key.max_parallel_requests,
    metadata: key.metadata,
    tpm_limit: key.tpm_limit,
    rpm_limit: key.rpm_limit,
    max_budget: key.max_budget,
    budget_duration: key.budget_duration,
    budget_reset_at: iso(key.budget_reset_at),
    soft_budget: key.soft_budget,
    budget_id: key.budget_id ?? null,
    model_max_budget: key.model_max_budget,
    model_rpm_limit: key.model_rpm_limit,
    model_tpm_limit: key.model_tpm_limit,
    blocked: key.blocked,
    created_at: iso(key.created_at),
    updated_at: iso(key.updated_at),
  };
}

export function renderUser(user: UserRecord): Record<string, unknown> {
  return { ...user, budget_reset_at: iso(user.budget_reset_at), created_at: iso(user.created_at), updated_at: iso(user.updated_at) };
}

export function renderTeam(team: TeamRecord): Record<string, unknown> {
  return { ...team, budget_reset_at: iso(team.budget_reset_at), created_at: iso(team.created_at), updated_at: iso(team.updated_at) };
}

export function renderCustomer(customer: CustomerRecord): Record<string, unknown> {
  return {
    ...customer,
    // LiteLLM's end-user objects carry the budget under litellm_budget_table.
    litellm_budget_table: customer.max_budget === null ? null : { max_budget: customer.max_budget, budget_duration: customer.budget_duration },
    budget_reset_at: iso(customer.budget_reset_at),
    created_at: iso(customer.created_at),
    updated_at: iso(customer.updated_at),
  };
}
