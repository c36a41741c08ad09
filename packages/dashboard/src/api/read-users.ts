// Users from `/user/list` (`{users:[...], total, page}` in LiteLLM).

import { asRecord, readList, readString, readStrings } from './read-fields.js';
import { readBudgeted } from './read-keys.js';
import type { UserRow } from './records.js';

export function readUserList(json: unknown): UserRow[] {
  const rows: UserRow[] = [];
  for (const item of readList(json, 'users', 'data')) {
    const record = asRecord(item);
    const userId = readString(record.user_id);
    if (userId === null) continue;
    rows.push({
      ...readBudgeted(record),
      userId,
      email: readString(record.user_email),
      role: readString(record.user_role),
      teams: readStrings(record.teams),
      models: readStrings(record.models),
    });
  }
  return rows;
}
