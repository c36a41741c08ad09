// Finding the key a management call names and checking the caller may touch it. A key is
// named by its full `sk-` value or by its hash (`token`), as LiteLLM accepts both.

import { NotFoundError } from 'llmux';
import { hashKey } from '../governance/hash-key.js';
import type { Identity, KeyRecord, TeamRecord } from '../governance/identity.js';
import { denied, isAdmin, isTeamAdmin, mayRead, mayWrite } from '../governance/permissions.js';
import type { Store } from '../store/store.js';

export function tokenOf(key: string): string {
  return key.startsWith('sk-') ? hashKey(key) : key;
}

export type KeyAccess = 'read' | 'write' | 'block';

export async function loadKeyFor(store: Store, caller: Identity, key: string, access: KeyAccess): Promise<KeyRecord> {
  const record = await store.findKeyByToken(tokenOf(key));
  if (record === undefined) throw new NotFoundError(`Key not found: ${describeKey(key)}`, { code: 'key_not_found', param: 'key' });
  const team = record.team_id === null ? undefined : await store.getTeam(record.team_id);
  if (!allowed(caller, record, team, access)) throw denied(`${access} this key`);
  return record;
}

function allowed(caller: Identity, record: KeyRecord, team: TeamRecord | undefined, access: KeyAccess): boolean {
  switch (access) {
    case 'read':
      return mayRead(caller, record.user_id, team);
    case 'write':
      return mayWrite(caller, record.user_id, team);
    case 'block':
      // Users may not unblock what an admin blocked: only admins and the key's team admins.
      return isAdmin(caller) || isTeamAdmin(caller, team);
    default: {
      const exhaustive: never = access;
      throw new Error(`unknown access ${String(exhaustive)}`);
    }
  }
}

/** Never echo a full key in an error. */
export function describeKey(key: string): string {
  return key.startsWith('sk-') ? `sk-...${key.slice(-4)}` : key;
}
