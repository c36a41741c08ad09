// Builds the Identity of a virtual key from the store: the key, its user and its team.
// The role is the user's (LiteLLM's `user_role`), or internal_user for a key without one.

import type { Store } from '../store/store.js';
import type { Identity, KeyRecord } from './identity.js';

export async function loadIdentity(store: Store, key: KeyRecord): Promise<Identity> {
  const [user, team] = await Promise.all([
    key.user_id === null ? undefined : store.getUser(key.user_id),
    key.team_id === null ? undefined : store.getTeam(key.team_id),
  ]);
  const identity: Identity = { kind: 'key', role: user?.user_role ?? 'internal_user', key };
  if (user !== undefined) identity.user = user;
  if (team !== undefined) identity.team = team;
  return identity;
}
