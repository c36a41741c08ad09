// Finding the key a management call names and checking the caller may touch it. A key is
// named by its full `sk-` value or by its hash (`token`), as LiteLLM accepts both; a name
// that is neither is not found, and no error ever repeats more of it than its kind.

import { maskSecret, NotFoundError } from 'llmux';
import { hashKey } from '../governance/hash-key.js';
import type { Identity, KeyRecord, TeamRecord } from '../governance/identity.js';
import { denied, mayBillUser, mayBlock, mayReadKey, mayWrite } from '../governance/permissions.js';
import type { Store } from '../store/store.js';

const TOKEN = /^[0-9a-f]{64}$/;

/** The store's token for a named key: a hash as given, anything else hashed (a malformed name then matches nothing). */
export function tokenOf(key: string): string {
  return TOKEN.test(key) ? key : hashKey(key);
}

/**
 * read: look at it. write: change its limits, models, alias, or delete it. block: block or
 * unblock. secret: receive a new secret for it (/key/regenerate), which is minting a key that
 * bills its user, so only that user or a proxy admin, whoever else may write it.
 */
export type KeyAccess = 'read' | 'write' | 'block' | 'secret';

export async function loadKeyFor(store: Store, caller: Identity, key: string, access: KeyAccess): Promise<KeyRecord> {
  const record = await store.findKeyByToken(tokenOf(key));
  if (record === undefined) throw keyNotFound(key);
  const team = record.team_id === null ? undefined : await store.getTeam(record.team_id);
  if (!allowed(caller, record, team, access)) throw denied(`${access === 'secret' ? 'regenerate' : access} this key`);
  return record;
}

function allowed(caller: Identity, record: KeyRecord, team: TeamRecord | undefined, access: KeyAccess): boolean {
  switch (access) {
    case 'read':
      return mayReadKey(caller, record, team);
    case 'write':
      return mayWrite(caller, record.user_id, team);
    case 'block':
      return mayBlock(caller, team);
    case 'secret':
      return mayWrite(caller, record.user_id, team) && mayBillUser(caller, record.user_id);
    default: {
      const exhaustive: never = access;
      throw new Error(`unknown access ${String(exhaustive)}`);
    }
  }
}

function keyNotFound(key: string): NotFoundError {
  return new NotFoundError(`Key not found: ${describeKey(key)}`, { code: 'key_not_found', param: 'key' });
}

/** A hash names itself (it is no secret); anything else shows only its kind (`sk-****`). */
function describeKey(key: string): string {
  return TOKEN.test(key) ? key : maskSecret(key);
}
