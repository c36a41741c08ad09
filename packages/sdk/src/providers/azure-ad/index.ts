// Microsoft Entra ID (Azure AD) client credentials for Azure providers: credentials in, a
// cached bearer token out. The token request goes through the caller's HttpClient like
// any upstream call, never global fetch.

import { entraCacheKey, type EntraClientCredentials } from './entra-credentials.js';
import { EntraTokenCache } from './entra-token-cache.js';
import { requestEntraToken, type EntraTokenRequestContext } from './request-entra-token.js';

export { type EntraClientCredentials } from './entra-credentials.js';
export { EntraTokenCache } from './entra-token-cache.js';
export type { EntraTokenRequestContext } from './request-entra-token.js';

const sharedCache = new EntraTokenCache();

/** The process-wide cache, shared by every call that does not bring its own. */
export function getSharedEntraTokenCache(): EntraTokenCache {
  return sharedCache;
}

export function getEntraToken(credentials: EntraClientCredentials, context: EntraTokenRequestContext, cache: EntraTokenCache = sharedCache): Promise<string> {
  return cache.get(entraCacheKey(credentials), (now) => requestEntraToken(credentials, context, now));
}

/** Forgets a token the upstream refused (revoked, or rotated early), so the next call fetches anew. */
export function invalidateEntraToken(credentials: EntraClientCredentials, token: string, cache: EntraTokenCache = sharedCache): void {
  cache.invalidate(entraCacheKey(credentials), token);
}
