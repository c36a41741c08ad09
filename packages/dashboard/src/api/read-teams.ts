// Teams from `/team/list` (a bare array in LiteLLM, `{teams:[...]}` in its v2 form).

import { asArray, asRecord, readList, readString, readStrings } from './read-fields.js';
import { readBudgeted } from './read-keys.js';
import type { TeamRow } from './records.js';

export function readTeamList(json: unknown): TeamRow[] {
  const rows: TeamRow[] = [];
  for (const item of readList(json, 'teams', 'data')) {
    const record = asRecord(item);
    const teamId = readString(record.team_id);
    if (teamId === null) continue;
    rows.push({
      ...readBudgeted(record),
      teamId,
      teamAlias: readString(record.team_alias),
      models: readStrings(record.models),
      members: asArray(record.members_with_roles).length,
      blocked: record.blocked === true,
    });
  }
  return rows;
}
