// Conversions between stored rows (JSON text, 0/1, ISO text) and the records callers use.

import type { CustomerRecord, KeyRecord, Limits, TeamMember, TeamRecord, UserRecord, UserRole } from '../governance/identity.js';
import type { CustomersTable, KeysTable, LimitColumns, TeamsTable, UsersTable } from './database-schema.js';

export function parseJson<T>(text: string | null, fallback: T): T {
  if (text === null || text === '') return fallback;
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}

export const toDate = (text: string): Date => new Date(text);
export const toDateOrNull = (text: string | null): Date | null => (text === null ? null : new Date(text));
export const fromDateOrNull = (date: Date | null | undefined): string | null => (date === null || date === undefined ? null : date.toISOString());

function limitsFromRow(row: LimitColumns): Limits {
  return {
    max_budget: row.max_budget,
    budget_duration: row.budget_duration,
    budget_reset_at: toDateOrNull(row.budget_reset_at),
    soft_budget: row.soft_budget,
    rpm_limit: row.rpm_limit,
    tpm_limit: row.tpm_limit,
    max_parallel_requests: row.max_parallel_requests,
  };
}

function limitsToRow(limits: Limits): LimitColumns {
  return {
    max_budget: limits.max_budget,
    budget_duration: limits.budget_duration,
    budget_reset_at: fromDateOrNull(limits.budget_reset_at),
    soft_budget: limits.soft_budget,
    rpm_limit: limits.rpm_limit,
    tpm_limit: limits.tpm_limit,
    max_parallel_requests: limits.max_parallel_requests,
  };
}

export function keyFromRow(row: KeysTable): KeyRecord {
  return {
    ...limitsFromRow(row),
    token: row.token,
    ...(row.budget_id === null || row.budget_id === undefined ? {} : { budget_id: row.budget_id }),
    key_name: row.key_name,
    key_alias: row.key_alias,
    user_id: row.user_id,
    team_id: row.team_id,
    models: parseJson(row.models, []),
    spend: row.spend,
    model_max_budget: parseJson(row.model_max_budget, {}),
    model_rpm_limit: parseJson(row.model_rpm_limit, {}),
    model_tpm_limit: parseJson(row.model_tpm_limit, {}),
    metadata: parseJson(row.metadata, {}),
    blocked: row.blocked === 1,
    expires: toDateOrNull(row.expires),
    created_at: toDate(row.created_at),
    updated_at: toDate(row.updated_at),
  };
}

export function keyToRow(key: KeyRecord): KeysTable {
  return {
    ...limitsToRow(key),
    token: key.token,
    ...(key.budget_id === undefined ? {} : { budget_id: key.budget_id }),
    key_name: key.key_name,
    key_alias: key.key_alias,
    user_id: key.user_id,
    team_id: key.team_id,
    models: JSON.stringify(key.models),
    spend: key.spend,
    model_max_budget: JSON.stringify(key.model_max_budget),
    model_rpm_limit: JSON.stringify(key.model_rpm_limit),
    model_tpm_limit: JSON.stringify(key.model_tpm_limit),
    metadata: JSON.stringify(key.metadata),
    blocked: key.blocked ? 1 : 0,
    expires: fromDateOrNull(key.expires),
    created_at: key.created_at.toISOString(),
    updated_at: key.updated_at.toISOString(),
  };
}

export function userFromRow(row: UsersTable, teams: string[]): UserRecord {
  return {
    ...limitsFromRow(row),
    user_id: row.user_id,
    user_email: row.user_email,
    user_alias: row.user_alias,
    user_role: row.user_role as UserRole,
    teams,
    models: parseJson(row.models, []),
    spend: row.spend,
    metadata: parseJson(row.metadata, {}),
    created_at: toDate(row.created_at),
    updated_at: toDate(row.updated_at),
  };
}

export function userToRow(user: UserRecord): UsersTable {
  return {
    ...limitsToRow(user),
    user_id: user.user_id,
    user_email: user.user_email,
    user_alias: user.user_alias,
    user_role: user.user_role,
    models: JSON.stringify(user.models),
    spend: user.spend,
    metadata: JSON.stringify(user.metadata),
    created_at: user.created_at.toISOString(),
    updated_at: user.updated_at.toISOString(),
  };
}

export function teamFromRow(row: TeamsTable, members: TeamMember[]): TeamRecord {
  return {
    ...limitsFromRow(row),
    team_id: row.team_id,
    ...(row.organization_id === null || row.organization_id === undefined ? {} : { organization_id: row.organization_id }),
    team_alias: row.team_alias,
    members_with_roles: members,
    models: parseJson(row.models, []),
    spend: row.spend,
    blocked: row.blocked === 1,
    metadata: parseJson(row.metadata, {}),
    created_at: toDate(row.created_at),
    updated_at: toDate(row.updated_at),
  };
}

export function teamToRow(team: TeamRecord): TeamsTable {
  return {
    ...limitsToRow(team),
    team_id: team.team_id,
    // Only when the record says: an upsert of a record built without it keeps the stored one.
    ...(team.organization_id === undefined ? {} : { organization_id: team.organization_id }),
    team_alias: team.team_alias,
    models: JSON.stringify(team.models),
    spend: team.spend,
    blocked: team.blocked ? 1 : 0,
    metadata: JSON.stringify(team.metadata),
    created_at: team.created_at.toISOString(),
    updated_at: team.updated_at.toISOString(),
  };
}

export function customerFromRow(row: CustomersTable): CustomerRecord {
  return {
    ...limitsFromRow(row),
    user_id: row.user_id,
    ...(row.budget_id === null || row.budget_id === undefined ? {} : { budget_id: row.budget_id }),
    alias: row.alias,
    spend: row.spend,
    blocked: row.blocked === 1,
    metadata: parseJson(row.metadata, {}),
    created_at: toDate(row.created_at),
    updated_at: toDate(row.updated_at),
  };
}

export function customerToRow(customer: CustomerRecord): CustomersTable {
  return {
    ...limitsToRow(customer),
    user_id: customer.user_id,
    ...(customer.budget_id === undefined ? {} : { budget_id: customer.budget_id }),
    alias: customer.alias,
    spend: customer.spend,
    blocked: customer.blocked ? 1 : 0,
    metadata: JSON.stringify(customer.metadata),
    created_at: customer.created_at.toISOString(),
    updated_at: customer.updated_at.toISOString(),
  };
}
