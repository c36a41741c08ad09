// Who made a request, as observability reports it: key alias and hash, team, user. Read from
// the identity the governance hooks put on the context; never the key itself.

import type { Identity } from '../governance/identity.js';
import type { RequestContext } from '../http/request-context.js';

export interface Caller {
  keyAlias: string | undefined;
  /** sha256 hex of the key, as stored; LiteLLM's `user_api_key_hash`. */
  keyHash: string | undefined;
  teamId: string | undefined;
  teamAlias: string | undefined;
  userId: string | undefined;
}

const NOBODY: Caller = { keyAlias: undefined, keyHash: undefined, teamId: undefined, teamAlias: undefined, userId: undefined };

/** Identities are immutable snapshots, cached with the key: each one's caller is read once. */
const callers = new WeakMap<Identity, Caller>();

/** The same object for every request of one cached identity (the log line and metrics read it per request). */
export function readCaller(context: RequestContext): Caller {
  const identity = context.identity;
  if (identity === undefined) return NOBODY;
  let caller = callers.get(identity);
  if (caller === undefined) {
    const key = identity.key;
    caller = Object.freeze({
      keyAlias: key?.key_alias ?? undefined,
      keyHash: key?.token,
      teamId: key?.team_id ?? identity.team?.team_id ?? undefined,
      teamAlias: identity.team?.team_alias ?? undefined,
      userId: key?.user_id ?? identity.user?.user_id ?? undefined,
    });
    callers.set(identity, caller);
  }
  return caller;
}
