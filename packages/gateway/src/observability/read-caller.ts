// Who made a request, as observability reports it: key alias and hash, team, user. Read from
// the identity the governance hooks put on the context; never the key itself.

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

export function readCaller(context: RequestContext): Caller {
  const identity = context.identity;
  if (identity === undefined) return NOBODY;
  const key = identity.key;
  return {
    keyAlias: key?.key_alias ?? undefined,
    keyHash: key?.token,
    teamId: key?.team_id ?? identity.team?.team_id ?? undefined,
    teamAlias: identity.team?.team_alias ?? undefined,
    userId: key?.user_id ?? identity.user?.user_id ?? undefined,
  };
}
