// A team's stored record with every limit unset and no members, for tests that write teams
// to a store directly; `changes` sets the fields a test is about.

import type { TeamRecord } from '../../src/governance/identity.js';
import { NO_LIMITS } from './key-record.js';

export function teamRecord(teamId: string, changes: Partial<TeamRecord> = {}): TeamRecord {
  const now = new Date();
  return {
    ...NO_LIMITS,
    team_id: teamId,
    team_alias: null,
    members_with_roles: [],
    models: [],
    spend: 0,
    blocked: false,
    metadata: {},
    created_at: now,
    updated_at: now,
    ...changes,
  };
}
