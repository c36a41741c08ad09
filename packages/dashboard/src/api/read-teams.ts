// Teams from `/team/list` (a bare array in LiteLLM, `{teams:[...]}` in its v2 form).

import { asArray, readIdentifiedRows, readList, readString, readStrings } from './read-fields.js';
import { readBudgeted } from './read-keys.js';
import type { TeamRow } from './records.js';

export function readTeamList(json: unknown): TeamRow[] {
  return readIdentifiedRows(readList(json, 'teams', 'data'), 'team_id', (record, teamId) => ({
    ...readBudgeted(record),
    teamId,
    teamAlias: readString(record.team_alias),
    models: readStrings(record.models),
    members: asArray(record.members_with_roles).length,
    blocked: record.blocked === true,
  }));
}
