// Google OAuth for providers that call Google Cloud (Vertex AI): credentials in, a cached
// bearer token out. The token exchange goes through the caller's HttpClient like any
// upstream call.

import { createHash } from 'node:crypto';
import { GoogleAccessTokenCache } from './google-access-token-cache.js';
import { GOOGLE_TOKEN_URI, type GoogleCredentials } from './google-credentials.js';
import { requestGoogleAccessToken, type TokenRequestContext } from './request-google-access-token.js';

export { GoogleAccessTokenCache } from './google-access-token-cache.js';
export { loadGoogleCredentials } from './load-google-credentials.js';
export { credentialSecrets, credentialsProject, type GoogleCredentials } from './google-credentials.js';
export type { TokenRequestContext } from './request-google-access-token.js';

const CLOUD_PLATFORM_SCOPE = 'https://www.googleapis.com/auth/cloud-platform';

const sharedCache = new GoogleAccessTokenCache();

export interface AccessTokenOptions {
  scope?: string;
  /** Defaults to the process-wide cache. */
  cache?: GoogleAccessTokenCache;
}

export function getGoogleAccessToken(credentials: GoogleCredentials, context: TokenRequestContext, options: AccessTokenOptions = {}): Promise<string> {
  const scope = options.scope ?? CLOUD_PLATFORM_SCOPE;
  const cache = options.cache ?? sharedCache;
  return cache.get(cacheKey(credentials, scope), (now) => requestGoogleAccessToken(credentials, scope, context, now));
}

/** Forgets the cached token of a credential, after the upstream refused it. */
export function invalidateGoogleAccessToken(credentials: GoogleCredentials, options: AccessTokenOptions = {}): void {
  (options.cache ?? sharedCache).invalidate(cacheKey(credentials, options.scope ?? CLOUD_PLATFORM_SCOPE));
}

/** Identifies a credential without keeping its secret in the key: a rotated key gets a new entry. */
function cacheKey(credentials: GoogleCredentials, scope: string): string {
  const secret = credentials.type === 'service_account' ? credentials.private_key : credentials.refresh_token;
  const id = credentials.type === 'service_account' ? credentials.client_email : credentials.client_id;
  const fingerprint = createHash('sha256').update(secret).digest('base64url').slice(0, 16);
  return [credentials.type, id, credentials.token_uri ?? GOOGLE_TOKEN_URI, scope, fingerprint].join('|');
}
