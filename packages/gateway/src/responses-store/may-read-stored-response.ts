// Who may see a stored Response: the key that made it, or another key of the same user; an
// admin (master key, proxy_admin) all of them, a proxy_admin_viewer reads but never deletes.
// Anyone else is told it does not exist (404, not 403), so ids cannot be probed.

import type { Identity } from '../governance/identity.js';
import { callerUserId, canReadAll, isAdmin } from '../governance/permissions.js';
import type { StoredResponseRow } from '../store/store.js';

export type StoredResponseAction = 'read' | 'delete';

/** Who made a call, as a stored row names it (the master key and no key are ''). */
export function ownerOf(caller: Identity | undefined): Pick<StoredResponseRow, 'api_key' | 'user_id' | 'team_id'> {
  const key = caller?.key;
  return { api_key: key?.token ?? '', user_id: key?.user_id ?? caller?.user?.user_id ?? null, team_id: key?.team_id ?? null };
}

export function mayUseStoredResponse(caller: Identity | undefined, row: StoredResponseRow, action: StoredResponseAction): boolean {
  // No master key configured: nothing is authenticated, everything is everyone's.
  if (caller === undefined) return true;
  if (action === 'read' ? canReadAll(caller) : isAdmin(caller)) return true;
  const owner = ownerOf(caller);
  if (caller.kind === 'key' && owner.api_key === row.api_key) return true;
  const userId = callerUserId(caller);
  return userId !== undefined && row.user_id === userId;
}
