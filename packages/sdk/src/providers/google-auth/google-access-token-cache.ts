// Keeps one Google access token per credential and scope, on the shared access-token cache,
// refreshed once less than the margin remains (5 minutes by default, as Google's own
// libraries do).

import { AccessTokenCache } from '../oauth/access-token-cache.js';
import type { GoogleAccessToken } from './request-google-access-token.js';

export class GoogleAccessTokenCache extends AccessTokenCache<GoogleAccessToken> {
  /** Forgets the key's token whichever it is. */
  override invalidate(key: string): void {
    super.invalidate(key);
  }

  protected isFresh(token: GoogleAccessToken, now: number): boolean {
    return token.expiresAt - now > this.refreshMarginMs;
  }
}
