// Users from `/user/list` (`{users:[...], total, page}` in LiteLLM).

import { readIdentifiedRows, readList, readString, readStrings } from './read-fields.js';
import { readBudgeted } from './read-keys.js';
import type { UserRow } from './records.js';

export function readUserList(json: unknown): UserRow[] {
  return readIdentifiedRows(readList(json, 'users', 'data'), 'user_id', (record, userId) => ({
    ...readBudgeted(record),
    userId,
    email: readString(record.user_email),
    role: readString(record.user_role),
    teams: readStrings(record.teams),
    models: readStrings(record.models),
  }));
}
