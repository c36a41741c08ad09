// The management API calls the dashboard makes, with LiteLLM's paths and field names.

import type { ApiClient, Query } from './api-client.js';
import { ApiError } from './api-error.js';
import { readAuditLog } from './read-audit-log.js';
import { asRecord, readNumber, readString } from './read-fields.js';
import { readKey, readKeyList } from './read-keys.js';
import { readModelList } from './read-models.js';
import { readSession } from './read-session.js';
import { readSpendLogs } from './read-spend-logs.js';
import { readTeamList } from './read-teams.js';
import { readUserList } from './read-users.js';
import type { AuditRow, KeyRow, ModelRow, Session, SpendLogRow, TeamRow, UserRow } from './records.js';

/** The fields the key form edits, as `/key/generate` and `/key/update` take them. */
export interface KeySettings {
  key_alias?: string;
  models?: string[];
  max_budget?: number | null;
  budget_duration?: string | null;
  rpm_limit?: number | null;
  tpm_limit?: number | null;
  max_parallel_requests?: number | null;
  team_id?: string | null;
  user_id?: string | null;
}

export interface SpendLogQuery extends Query {
  api_key?: string;
  team_id?: string;
  model?: string;
  start_date?: string;
  end_date?: string;
}

export async function fetchSession(client: ApiClient): Promise<Session> {
  try {
    return readSession(await client.get('/ui/session'));
  } catch (error) {
    // Gateways without /ui/session: the caller's own key says who they are.
    if (error instanceof ApiError && error.status === 404) return readSession(await client.get('/key/info'));
    throw error;
  }
}

/** The API caps a page at 100 keys; more pages than this is more than a table can show. */
const KEY_PAGE_SIZE = 100;
const MAX_KEY_PAGES = 20;

export async function listKeys(client: ApiClient): Promise<KeyRow[]> {
  try {
    const rows: KeyRow[] = [];
    for (let page = 1; page <= MAX_KEY_PAGES; page += 1) {
      const json = await client.get('/key/list', { return_full_object: true, size: KEY_PAGE_SIZE, page });
      rows.push(...readKeyList(json));
      if (page >= (readNumber(asRecord(json).total_pages) ?? 1)) break;
    }
    return rows;
  } catch (error) {
    // A key with no user behind it may not list keys, but it may always read itself.
    if (error instanceof ApiError && error.status === 403) return ownKey(client);
    throw error;
  }
}

async function ownKey(client: ApiClient): Promise<KeyRow[]> {
  const body = asRecord(await client.get('/key/info'));
  const key = readKey({ ...asRecord(body.info), token: readString(asRecord(body.info).token) ?? body.key });
  return key === null ? [] : [key];
}

/** Creates a key; the answer's `key` is the only time the secret is ever shown. */
export async function generateKey(client: ApiClient, settings: KeySettings): Promise<{ key: string; token: string | null }> {
  const body = asRecord(await client.post('/key/generate', settings));
  const key = readString(body.key);
  if (key === null) throw new ApiError('The gateway created no key (its answer has no "key" field).', 500);
  return { key, token: readString(body.token) ?? readString(body.token_id) };
}

export async function updateKey(client: ApiClient, token: string, settings: KeySettings): Promise<void> {
  await client.post('/key/update', { key: token, ...settings });
}

export async function deleteKey(client: ApiClient, token: string): Promise<void> {
  await client.post('/key/delete', { keys: [token] });
}

export async function setKeyBlocked(client: ApiClient, token: string, blocked: boolean): Promise<void> {
  await client.post(blocked ? '/key/block' : '/key/unblock', { key: token });
}

export async function listTeams(client: ApiClient): Promise<TeamRow[]> {
  return readTeamList(await client.get('/team/list'));
}

export async function listUsers(client: ApiClient): Promise<UserRow[]> {
  return readUserList(await client.get('/user/list', { page_size: 1000 }));
}

export async function listModels(client: ApiClient): Promise<ModelRow[]> {
  return readModelList(await client.get('/model/info'));
}

export async function fetchReadiness(client: ApiClient): Promise<unknown> {
  return client.get('/health/readiness');
}

export async function listSpendLogs(client: ApiClient, query: SpendLogQuery = {}): Promise<SpendLogRow[]> {
  return readSpendLogs(await client.get('/spend/logs', query));
}

export async function listAuditLog(client: ApiClient): Promise<AuditRow[]> {
  return readAuditLog(await client.get('/audit'));
}
