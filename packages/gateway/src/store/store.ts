// The gateway's persistent state behind one interface: keys, users, teams, customers,
// deployments added through the API, spend logs, spend totals and the audit log. One
// implementation (Kysely) serves both SQLite and PostgreSQL; callers never see SQL.

import type { CustomerRecord, KeyRecord, TeamMember, TeamRecord, UserRecord } from '../governance/identity.js';

export type SpendEntity = 'key' | 'user' | 'team' | 'customer' | 'global' | 'key_model' | 'tag' | 'organization';

/** One addition to a spend total. `id` is the key hash for 'key' and 'key_model', ignored for 'global'. */
export interface SpendIncrement {
  entity: SpendEntity;
  id: string;
  /** The model group, for 'key_model' only. */
  model?: string;
  amount: number;
}

/** The spend-log fields the database stores as they are (SpendLogsTable shares them). */
export interface SpendLogStoredFields {
  request_id: string;
  /** sha256 hex of the virtual key, or '' for the master key / no key. */
  api_key: string;
  team_id: string | null;
  /** The request's `user` field (LiteLLM's end user / customer). */
  end_user: string | null;
  model_group: string | null;
  model_id: string | null;
  custom_llm_provider: string | null;
  prompt_tokens: number;
  completion_tokens: number;
  cached_tokens: number;
  total_tokens: number;
  spend: number;
  /** The reply's own id (chatcmpl-…, msg_…, resp_…): LiteLLM's request_id (migration 4). */
  response_id?: string | null;
  /** The operation's LiteLLM call_type: acompletion, aembedding, anthropic_messages, ... (migration 5). */
  call_type?: string | null;
}

/** One request's record, written in batches after the reply (LiteLLM's SpendLogs row). */
export interface SpendLogRow extends SpendLogStoredFields {
  user: string | null;
  startTime: Date;
  endTime: Date;
  status: 'success' | 'failure';
  cache_hit: boolean;
  request_tags: string[];
  metadata: Record<string, unknown>;
  /** Only when message logging is on. */
  messages: unknown;
  response: unknown;
  /** The client's x-request-id (correlation only; `request_id` is the gateway's own id). */
  client_request_id?: string | null;
}

export interface SpendLogFilter {
  api_key?: string;
  user_id?: string;
  team_id?: string;
  /** Matches the gateway's request id or the client's x-request-id. */
  request_id?: string;
  /** The model group. */
  model?: string;
  start_date?: Date;
  end_date?: Date;
  limit?: number;
  /** Rows to skip (paging), newest first. */
  offset?: number;
}

export interface SpendReportRow {
  group: string;
  spend: number;
  requests: number;
  prompt_tokens: number;
  completion_tokens: number;
}

export type SpendGroupBy = 'day' | 'key' | 'team' | 'model' | 'user';

/** A deployment added through /model/new (joined to the config's model_list). */
export interface ModelRecord {
  model_id: string;
  model_name: string;
  litellm_params: Record<string, unknown>;
  model_info: Record<string, unknown>;
  created_by: string | null;
  created_at: Date;
}

export interface AuditRecord {
  id: string;
  /** 'master' or the key hash of the caller. */
  changed_by: string;
  changed_by_alias: string | null;
  action: string;
  table_name: string;
  object_id: string;
  before_value: Record<string, unknown> | null;
  updated_values: Record<string, unknown> | null;
  created_at: Date;
}

export interface AuditFilter {
  action?: string;
  table_name?: string;
  object_id?: string;
  changed_by?: string;
  start_date?: Date;
  end_date?: Date;
  limit?: number;
}

/** A stored Response (POST /v1/responses unless `store: false`), with who made it and where. */
export interface StoredResponseRow {
  /** The Response's id (`resp_…`), as the client saw it. */
  id: string;
  /** sha256 hex of the virtual key that made it, or '' for the master key / no key. */
  api_key: string;
  user_id: string | null;
  team_id: string | null;
  model_group: string;
  /** The deployment that served it (a native follow-up goes back to it). */
  deployment_id: string | null;
  /** Served by a deployment that keeps the response itself (OpenAI, Azure). */
  native: boolean;
  previous_response_id: string | null;
  /** This turn's input, as Responses items with ids. */
  input_items: unknown[];
  /** The Response object. */
  response: Record<string, unknown>;
  created_at: Date;
  expires_at: Date;
}

/** A file or batch made through /v1/files or /v1/batches, with the deployment that holds it and who made it. */
export interface FileBatchRow {
  /** The gateway's id, as the client sees it. */
  id: string;
  kind: 'file' | 'batch';
  /** The provider's own id. */
  upstream_id: string;
  model_group: string;
  deployment_id: string;
  /** sha256 hex of the virtual key that made it, or '' for the master key / no key. */
  api_key: string;
  user_id: string | null;
  team_id: string | null;
  /** The File or Batch object as last read, with the gateway's ids. */
  object: Record<string, unknown>;
  /** An output file whose content was billed. */
  billed: boolean;
  created_at: Date;
}

/** LiteLLM's budget row (/budget/*), shared by the tags, organizations, customers and keys naming it. */
export interface BudgetRecord {
  budget_id: string;
  max_budget: number | null;
  soft_budget: number | null;
  budget_duration: string | null;
  budget_reset_at: Date | null;
  rpm_limit: number | null;
  tpm_limit: number | null;
  max_parallel_requests: number | null;
  model_max_budget: Record<string, unknown>;
  created_by: string;
  updated_by: string;
  created_at: Date;
  updated_at: Date;
}

export interface TagRecord {
  tag_name: string;
  description: string | null;
  models: string[];
  budget_id: string | null;
  created_by: string | null;
  created_at: Date;
  updated_at: Date;
}

export interface OrganizationRecord {
  organization_id: string;
  organization_alias: string | null;
  budget_id: string | null;
  models: string[];
  metadata: Record<string, unknown>;
  blocked: boolean;
  created_by: string;
  updated_by: string;
  created_at: Date;
  updated_at: Date;
}

export interface OrganizationMember {
  organization_id: string;
  user_id: string;
  /** A LiteLLM user role within the organization (`org_admin`, `internal_user`, ...). */
  user_role: string;
  created_at: Date;
  updated_at: Date;
}

/** One day × model group × key of spend (/user/daily/activity, /team/daily/activity). */
export interface DailySpendRow {
  date: string;
  model_group: string | null;
  custom_llm_provider: string | null;
  api_key: string;
  spend: number;
  prompt_tokens: number;
  completion_tokens: number;
  cached_tokens: number;
  requests: number;
  successful_requests: number;
}

/** The filters and page of /user/daily/activity and /team/daily/activity, applied in the query. */
export interface DailySpendPageFilter {
  user_id?: string;
  /** Records of these teams, split by team (each record carries its team_id). */
  team_ids?: readonly string[];
  model_group?: string;
  api_key?: string;
  start_date?: Date;
  end_date?: Date;
  /** 1-based. */
  page: number;
  page_size: number;
}

/** One page of day × model group × key records (newest day first), the count of all of them and their totals. */
export interface DailySpendPage {
  rows: Array<DailySpendRow & { team_id: string | null }>;
  total_rows: number;
  totals: Omit<DailySpendRow, 'date' | 'model_group' | 'custom_llm_provider' | 'api_key'>;
}

export interface ListPage {
  /** 1-based. */
  page: number;
  size: number;
}

export interface Store {
  readonly dialect: 'sqlite' | 'postgres';
  /** Creates or upgrades the schema; refuses a schema newer than this code knows. */
  migrate(): Promise<void>;
  close(): Promise<void>;
  /** One trivial query: resolves when the database answers. */
  ping(): Promise<void>;

  findKeyByToken(token: string): Promise<KeyRecord | undefined>;
  insertKey(key: KeyRecord): Promise<void>;
  updateKey(token: string, changes: Partial<KeyRecord>): Promise<KeyRecord | undefined>;
  /** Swaps the hash (regenerate) keeping every other field. */
  replaceKeyToken(oldToken: string, newToken: string, keyName: string): Promise<KeyRecord | undefined>;
  deleteKeys(tokens: readonly string[]): Promise<number>;
  listKeys(filter: { user_id?: string; team_id?: string; key_alias?: string }, page: ListPage): Promise<{ keys: KeyRecord[]; total: number }>;

  getUser(userId: string): Promise<UserRecord | undefined>;
  upsertUser(user: UserRecord): Promise<void>;
  deleteUsers(userIds: readonly string[]): Promise<number>;
  listUsers(filter: { user_role?: string; team_id?: string }, page: ListPage): Promise<{ users: UserRecord[]; total: number }>;

  getTeam(teamId: string): Promise<TeamRecord | undefined>;
  upsertTeam(team: TeamRecord): Promise<void>;
  deleteTeams(teamIds: readonly string[]): Promise<number>;
  listTeams(filter: { user_id?: string }): Promise<TeamRecord[]>;
  setTeamMembers(teamId: string, members: readonly TeamMember[]): Promise<void>;
  /** Adds or re-roles, and removes, members atomically; answers the members after. */
  changeTeamMembers(teamId: string, change: { upsert?: readonly TeamMember[]; remove?: readonly string[] }): Promise<TeamMember[]>;

  getCustomer(userId: string): Promise<CustomerRecord | undefined>;
  upsertCustomer(customer: CustomerRecord): Promise<void>;
  deleteCustomers(userIds: readonly string[]): Promise<number>;
  listCustomers(): Promise<CustomerRecord[]>;

  listModels(): Promise<ModelRecord[]>;
  insertModel(model: ModelRecord): Promise<void>;
  deleteModel(modelId: string): Promise<boolean>;
  updateModel(model: Omit<ModelRecord, 'created_by' | 'created_at'>): Promise<boolean>;

  insertSpendLogs(rows: readonly SpendLogRow[]): Promise<void>;
  /**
   * Adds each amount to its total atomically (spend = spend + amount), in one transaction.
   * With a `batchId`, a batch already applied is skipped (a replayed spool adds nothing twice).
   */
  incrementSpend(increments: readonly SpendIncrement[], batchId?: string): Promise<void>;
  /** Zeroes a total and sets when the next period ends. */
  resetSpend(entity: SpendEntity, id: string, nextResetAt: Date | null, model?: string): Promise<void>;
  getGlobalSpend(): Promise<number>;
  getKeyModelSpend(token: string): Promise<Record<string, number>>;
  listSpendLogs(filter: SpendLogFilter): Promise<SpendLogRow[]>;
  /** How many rows match (limit and offset ignored). */
  countSpendLogs(filter: SpendLogFilter): Promise<number>;
  spendReport(groupBy: SpendGroupBy, range: { start_date?: Date; end_date?: Date }): Promise<SpendReportRow[]>;

  getBudget(budgetId: string): Promise<BudgetRecord | undefined>;
  listBudgets(): Promise<BudgetRecord[]>;
  /** Inserts, or replaces every field but created_*. */
  upsertBudget(budget: BudgetRecord): Promise<void>;
  deleteBudget(budgetId: string): Promise<boolean>;

  getTag(tagName: string): Promise<TagRecord | undefined>;
  listTags(): Promise<TagRecord[]>;
  upsertTag(tag: TagRecord): Promise<void>;
  deleteTag(tagName: string): Promise<boolean>;

  getOrganization(organizationId: string): Promise<OrganizationRecord | undefined>;
  /** All, or those `user_id` is a member of. */
  listOrganizations(filter: { user_id?: string }): Promise<OrganizationRecord[]>;
  upsertOrganization(organization: OrganizationRecord): Promise<void>;
  /** Deletes the organizations and their memberships; their teams belong to none after. */
  deleteOrganizations(organizationIds: readonly string[]): Promise<number>;
  listOrganizationMembers(organizationIds: readonly string[]): Promise<OrganizationMember[]>;
  changeOrganizationMembers(organizationId: string, change: { upsert?: readonly OrganizationMember[]; remove?: readonly string[] }): Promise<OrganizationMember[]>;
  listTeamsOfOrganizations(organizationIds: readonly string[]): Promise<Array<{ team_id: string; organization_id: string }>>;

  /** Running totals of tags or organizations (llmux_spend_totals), by id; missing ids spent nothing. */
  getEntitySpend(entity: 'tag' | 'organization', ids: readonly string[]): Promise<Record<string, number>>;
  /** Spend per request tag over a time range (/spend/tags). */
  tagSpend(range: { start_date?: Date; end_date?: Date }): Promise<Array<{ tag: string; spend: number; requests: number }>>;
  /** Spend by day, model group and key, for one user's or team's rows. */
  dailySpend(filter: { user_id?: string; team_id?: string; start_date?: Date; end_date?: Date }): Promise<DailySpendRow[]>;
  /** A page of the daily records with LiteLLM's model/api_key filters, counted and totalled by the database. */
  dailySpendPage(filter: DailySpendPageFilter): Promise<DailySpendPage>;

  insertAudit(record: AuditRecord): Promise<void>;
  listAudit(filter: AuditFilter): Promise<AuditRecord[]>;

  insertStoredResponse(row: StoredResponseRow): Promise<void>;
  /** The row, unless absent or expired at `now`. */
  getStoredResponse(id: string, now: Date): Promise<StoredResponseRow | undefined>;
  deleteStoredResponse(id: string): Promise<boolean>;
  /** Deletes rows expired before `now`; answers how many. */
  deleteExpiredResponses(now: Date): Promise<number>;

  insertFileBatch(row: FileBatchRow): Promise<void>;
  getFileBatch(id: string): Promise<FileBatchRow | undefined>;
  findFileBatchByUpstream(deploymentId: string, upstreamId: string): Promise<FileBatchRow | undefined>;
  updateFileBatchObject(id: string, object: Record<string, unknown>): Promise<void>;
  /** Sets `billed`; false when it was already set (the content was billed before). */
  markFileBilled(id: string): Promise<boolean>;
  deleteFileBatch(id: string): Promise<boolean>;
  /** Newest first; with api_key (and team_id), only the rows of that key (or team); `after` (a row's created_at and id) starts past that row. */
  listFilesBatches(filter: { kind: 'file' | 'batch'; api_key?: string; team_id?: string; limit: number; after?: { created_at: Date; id: string } }): Promise<FileBatchRow[]>;
}
