// Table shapes as Kysely sees them. Stored dialect-neutrally so one set of queries serves
// SQLite and PostgreSQL: JSON as text, booleans as 0/1 integers, times as ISO-8601 text
// (which sorts and compares correctly as text), money as double precision.

import type { AuditRecord, FileBatchRow, SpendLogStoredFields, StoredResponseRow } from './store.js';

export interface LimitColumns {
  max_budget: number | null;
  budget_duration: string | null;
  budget_reset_at: string | null;
  soft_budget: number | null;
  rpm_limit: number | null;
  tpm_limit: number | null;
  max_parallel_requests: number | null;
}

export interface KeysTable extends LimitColumns {
  token: string;
  /** A shared budget row (migration 4); optional so rows written before it still type. */
  budget_id?: string | null;
  key_name: string;
  key_alias: string | null;
  user_id: string | null;
  team_id: string | null;
  models: string;
  spend: number;
  model_max_budget: string;
  model_rpm_limit: string;
  model_tpm_limit: string;
  metadata: string;
  blocked: number;
  expires: string | null;
  created_at: string;
  updated_at: string;
}

export interface UsersTable extends LimitColumns {
  user_id: string;
  user_email: string | null;
  user_alias: string | null;
  user_role: string;
  models: string;
  spend: number;
  metadata: string;
  created_at: string;
  updated_at: string;
}

export interface TeamsTable extends LimitColumns {
  team_id: string;
  /** The organization the team belongs to (migration 4). */
  organization_id?: string | null;
  team_alias: string | null;
  models: string;
  spend: number;
  blocked: number;
  metadata: string;
  created_at: string;
  updated_at: string;
}

interface TeamMembersTable {
  team_id: string;
  user_id: string;
  role: string;
  /** LiteLLM's team member budget in USD; null: no cap (migration 7). */
  max_budget_in_team?: number | null;
}

export interface CustomersTable extends LimitColumns {
  user_id: string;
  /** A shared budget row (migration 4). */
  budget_id?: string | null;
  alias: string | null;
  spend: number;
  blocked: number;
  metadata: string;
  created_at: string;
  updated_at: string;
}

interface ModelsTable {
  model_id: string;
  model_name: string;
  litellm_params: string;
  model_info: string;
  created_by: string | null;
  created_at: string;
}

export interface SpendLogsTable extends SpendLogStoredFields {
  user_id: string | null;
  start_time: string;
  end_time: string;
  status: string;
  cache_hit: number;
  request_tags: string;
  metadata: string;
  messages: string | null;
  response: string | null;
  /** The client's x-request-id, kept for correlation (migration 2); request_id is the gateway's own. */
  client_request_id: string | null;
}

/** Spend batches whose totals were added (migration 2): a batch replayed from the spool adds nothing twice. */
interface SpendBatchesTable {
  batch_id: string;
  applied_at: string;
}

interface SpendTotalsTable {
  /** 'global', or 'key_model' totals keyed by `<token>\u0000<model>`. */
  entity: string;
  id: string;
  spend: number;
  budget_reset_at: string | null;
}

/** An AuditRecord with its JSON and time as text. */
interface AuditLogTable extends Omit<AuditRecord, 'before_value' | 'updated_values' | 'created_at'> {
  before_value: string | null;
  updated_values: string | null;
  created_at: string;
}

/** Stored Responses (migration 3): the Response object and its input items, as JSON text. */
export interface ResponsesTable extends Omit<StoredResponseRow, 'native' | 'input_items' | 'response' | 'created_at' | 'expires_at'> {
  native: number;
  input_items: string;
  response: string;
  created_at: string;
  expires_at: string;
}

/** Files and batches made through the gateway (migration 7); `object` is JSON text. */
export interface FilesBatchesTable extends Omit<FileBatchRow, 'kind' | 'object' | 'billed' | 'created_at'> {
  kind: string;
  object: string;
  billed: number;
  created_at: string;
}

interface SchemaVersionTable {
  version: number;
  name: string;
  applied_at: string;
}

/** LiteLLM's budget table (migration 4): limits shared by the rows that name it in budget_id. */
export interface BudgetsTable {
  budget_id: string;
  max_budget: number | null;
  soft_budget: number | null;
  budget_duration: string | null;
  budget_reset_at: string | null;
  rpm_limit: number | null;
  tpm_limit: number | null;
  max_parallel_requests: number | null;
  model_max_budget: string;
  created_by: string;
  updated_by: string;
  created_at: string;
  updated_at: string;
}

export interface TagsTable {
  tag_name: string;
  description: string | null;
  models: string;
  budget_id: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface OrganizationsTable {
  organization_id: string;
  organization_alias: string | null;
  budget_id: string | null;
  models: string;
  metadata: string;
  blocked: number;
  created_by: string;
  updated_by: string;
  created_at: string;
  updated_at: string;
}

export interface OrganizationMembersTable {
  organization_id: string;
  user_id: string;
  user_role: string;
  created_at: string;
  updated_at: string;
}

export interface Database {
  llmux_budgets: BudgetsTable;
  llmux_tags: TagsTable;
  llmux_organizations: OrganizationsTable;
  llmux_organization_members: OrganizationMembersTable;
  llmux_keys: KeysTable;
  llmux_users: UsersTable;
  llmux_teams: TeamsTable;
  llmux_team_members: TeamMembersTable;
  llmux_customers: CustomersTable;
  llmux_models: ModelsTable;
  llmux_spend_logs: SpendLogsTable;
  llmux_spend_totals: SpendTotalsTable;
  llmux_spend_batches: SpendBatchesTable;
  llmux_audit_log: AuditLogTable;
  llmux_responses: ResponsesTable;
  llmux_files_batches: FilesBatchesTable;
  llmux_schema_version: SchemaVersionTable;
}
