// What the dashboard shows, read from LiteLLM-shaped management API answers.

export type Role = 'proxy_admin' | 'proxy_admin_viewer' | 'internal_user' | 'internal_user_viewer' | 'unknown';

export interface Session {
  role: Role;
  /** Who the key belongs to, as the gateway describes it (key alias, user id or "master key"). */
  label: string;
  userId: string | null;
  teamId: string | null;
}

export interface Budgeted {
  spend: number;
  maxBudget: number | null;
  budgetDuration: string | null;
  rpmLimit: number | null;
  tpmLimit: number | null;
}

export interface KeyRow extends Budgeted {
  /** The key's hash: the id the management API takes in place of the key itself. */
  token: string;
  keyName: string | null;
  keyAlias: string | null;
  userId: string | null;
  teamId: string | null;
  models: string[];
  maxParallelRequests: number | null;
  blocked: boolean;
  expires: number | null;
  createdAt: number | null;
}

export interface TeamRow extends Budgeted {
  teamId: string;
  teamAlias: string | null;
  models: string[];
  members: number;
  blocked: boolean;
}

export interface UserRow extends Budgeted {
  userId: string;
  email: string | null;
  role: string | null;
  teams: string[];
  models: string[];
}

export interface ModelRow {
  modelName: string;
  model: string | null;
  provider: string | null;
  deploymentId: string | null;
  apiBase: string | null;
  inputCostPerToken: number | null;
  outputCostPerToken: number | null;
  maxTokens: number | null;
}

export interface SpendLogRow {
  requestId: string;
  callType: string | null;
  apiKey: string | null;
  keyAlias: string | null;
  teamId: string | null;
  userId: string | null;
  model: string | null;
  modelGroup: string | null;
  provider: string | null;
  status: string;
  spend: number;
  promptTokens: number;
  completionTokens: number;
  totalTokens: number;
  startTime: number | null;
  endTime: number | null;
  /** endTime - startTime, in milliseconds. */
  latencyMs: number | null;
  /** The raw row, for the detail view. */
  raw: unknown;
}

export interface AuditRow {
  id: string;
  at: number | null;
  action: string;
  tableName: string | null;
  objectId: string | null;
  changedBy: string | null;
  before: unknown;
  after: unknown;
}
