// Who is calling, as the governance hooks see it: the contract between the store (which
// loads keys, users, teams and customers) and the enforcement hooks (model access, rate
// limits, budgets, spend). Field names follow LiteLLM's management API.

export type UserRole = 'proxy_admin' | 'proxy_admin_viewer' | 'internal_user' | 'internal_user_viewer';

/** Limits any budgeted entity (key, user, team, customer) may carry. */
export interface Limits {
  max_budget: number | null;
  /** `30s`, `1h`, `1d`, `7d`, `30d`, `1mo`; spend resets on this schedule. */
  budget_duration: string | null;
  /** When the current budget period ends (null: no schedule). */
  budget_reset_at: Date | null;
  soft_budget: number | null;
  rpm_limit: number | null;
  tpm_limit: number | null;
  max_parallel_requests: number | null;
}

export interface KeyRecord extends Limits {
  /** sha256 hex of the full key; the key itself is never stored. */
  token: string;
  /** A display form such as `sk-...abcd`. */
  key_name: string;
  key_alias: string | null;
  user_id: string | null;
  team_id: string | null;
  /** A shared budget row (/budget/*) whose limits apply where the key sets none; absent for none. */
  budget_id?: string | null;
  /** Models (or access groups) this key may use; empty means all its owner may use. */
  models: string[];
  spend: number;
  /** Per model: `{ "gpt-4o": { "max_budget": 1, "budget_duration": "1d" } }`. */
  model_max_budget: Record<string, { max_budget: number; budget_duration?: string | null }>;
  model_rpm_limit: Record<string, number>;
  model_tpm_limit: Record<string, number>;
  metadata: Record<string, unknown>;
  blocked: boolean;
  expires: Date | null;
  created_at: Date;
  updated_at: Date;
}

export interface UserRecord extends Limits {
  user_id: string;
  user_email: string | null;
  user_alias: string | null;
  user_role: UserRole;
  teams: string[];
  models: string[];
  spend: number;
  metadata: Record<string, unknown>;
  created_at: Date;
  updated_at: Date;
}

export interface TeamMember {
  user_id: string;
  role: 'admin' | 'user';
  /** LiteLLM's team member budget: USD this member may spend on the team's keys (absent: no cap). */
  max_budget_in_team?: number | null;
}

export interface TeamRecord extends Limits {
  team_id: string;
  /** The organization the team belongs to (LiteLLM's organization_id); absent for none. */
  organization_id?: string | null;
  team_alias: string | null;
  members_with_roles: TeamMember[];
  models: string[];
  spend: number;
  blocked: boolean;
  metadata: Record<string, unknown>;
  created_at: Date;
  updated_at: Date;
}

/** An end user, identified by the request's `user` field (LiteLLM's "customer"). */
export interface CustomerRecord extends Limits {
  user_id: string;
  /** A shared budget row (/budget/*) whose limits apply where the customer sets none. */
  budget_id?: string | null;
  alias: string | null;
  spend: number;
  blocked: boolean;
  metadata: Record<string, unknown>;
  created_at: Date;
  updated_at: Date;
}

/** The caller of one request, set on the request context by the authentication hook. */
export interface Identity {
  /** 'master': the master key; 'key': a virtual key. */
  kind: 'master' | 'key';
  role: UserRole;
  key?: KeyRecord;
  user?: UserRecord;
  team?: TeamRecord;
}
