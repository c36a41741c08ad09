// Authentication, the first pre-hook: the master key (compared as sha256 digests in
// constant time, so neither length nor prefix leaks through timing) or a virtual key,
// looked up by its hash in the in-memory cache and, on a miss, in the store. Sets
// `context.identity` for the hooks and routes behind it. No error repeats the presented
// key: a key is a secret even when it is wrong (it may be a live key sent malformed).

import { AuthenticationError } from 'llmux';
import type { RequestContext } from '../http/request-context.js';
import type { Store } from '../store/store.js';
import { digestsEqual, hashKey } from './hash-key.js';
import type { Identity } from './identity.js';
import type { KeyCache } from './key-cache.js';
import { loadIdentity } from './load-identity.js';
import type { PreHook } from './pre-hook.js';
import { describeMalformedKey, readApiKey } from './read-api-key.js';

export interface AuthenticateOptions {
  masterKey: string;
  /** Without a store only the master key is accepted. */
  store?: Store;
  cache?: KeyCache;
}

const MASTER_IDENTITY: Identity = Object.freeze({ kind: 'master', role: 'proxy_admin' }) as Identity;

export function createAuthenticateHook(options: AuthenticateOptions | string): PreHook {
  const { masterKey, store, cache } = typeof options === 'string' ? { masterKey: options, store: undefined, cache: undefined } : options;
  const expected = hashKey(masterKey);
  return (context) => {
    const presented = readApiKey(context.request.headers);
    if (presented === undefined) {
      throw new AuthenticationError('No API key provided. Send it as "Authorization: Bearer <key>".', { code: 'missing_api_key' });
    }
    // The hex digest is also the token the store and the cache key on: one sha256 per request.
    const token = hashKey(presented);
    if (digestsEqual(token, expected)) {
      context.identity = MASTER_IDENTITY;
      return undefined;
    }
    if (store === undefined) throw invalidKey(presented);
    const cached = cache?.get(token);
    if (cached !== undefined) {
      accept(context, cached);
      return undefined;
    }
    return lookUp(context, store, cache, token, presented);
  };
}

async function lookUp(context: RequestContext, store: Store, cache: KeyCache | undefined, token: string, presented: string): Promise<void> {
  const key = await store.findKeyByToken(token);
  if (key === undefined) throw invalidKey(presented);
  const identity = await loadIdentity(store, key);
  cache?.set(token, identity);
  accept(context, identity);
}

/** Checks that can change without the record changing (time) run on every request, cached or not. */
function accept(context: RequestContext, identity: Identity): void {
  const key = identity.key;
  if (key !== undefined) {
    if (key.blocked) throw new AuthenticationError('Authentication Error - This key is blocked. Ask an admin to unblock it.', { code: 'key_blocked' });
    if (key.expires !== null && key.expires.getTime() <= Date.now()) {
      throw new AuthenticationError(`Authentication Error - Expired Key. Key expired at ${key.expires.toISOString()}.`, { code: 'expired_key' });
    }
  }
  if (identity.team?.blocked === true) {
    throw new AuthenticationError(`Authentication Error - Team ${identity.team.team_id} is blocked.`, { code: 'team_blocked' });
  }
  context.identity = identity;
}

function invalidKey(presented: string): AuthenticationError {
  const malformed = describeMalformedKey(presented);
  return new AuthenticationError(malformed === undefined ? 'Invalid API key.' : `Invalid API key: ${malformed}.`, { code: 'invalid_api_key' });
}
