// Keys from `/key/list?return_full_object=true` (`{keys:[...]}`) or `/key/info` (`{key, info}`).

import { asRecord, readList, readNumber, readString, readStrings, readTime, type JsonRecord } from './read-fields.js';
import type { Budgeted, KeyRow } from './records.js';

export function readKeyList(json: unknown): KeyRow[] {
  return readList(json, 'keys', 'data')
    .map((item) => (typeof item === 'string' ? { token: item } : asRecord(item)))
    .map(readKey)
    .filter((key): key is KeyRow => key !== null);
}

export function readKey(record: JsonRecord): KeyRow | null {
  const token = readString(record.token) ?? readString(record.key);
  if (token === null) return null;
  return {
    ...readBudgeted(record),
    token,
    keyName: readString(record.key_name),
    keyAlias: readString(record.key_alias),
    userId: readString(record.user_id),
    teamId: readString(record.team_id),
    models: readStrings(record.models),
    maxParallelRequests: readNumber(record.max_parallel_requests),
    blocked: record.blocked === true,
    expires: readTime(record.expires),
    createdAt: readTime(record.created_at),
  };
}

export function readBudgeted(record: JsonRecord): Budgeted {
  return {
    spend: readNumber(record.spend) ?? 0,
    maxBudget: readNumber(record.max_budget),
    budgetDuration: readString(record.budget_duration),
    rpmLimit: readNumber(record.rpm_limit),
    tpmLimit: readNumber(record.tpm_limit),
  };
}
