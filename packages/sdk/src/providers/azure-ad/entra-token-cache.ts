// Keeps one Entra ID token per credential, on the shared access-token cache. Entra counts
// the lifetime from the request, and refreshes at most half-way through it.

import { AccessTokenCache } from '../oauth/access-token-cache.js';
import type { EntraAccessToken } from './request-entra-token.js';

export class EntraTokenCache extends AccessTokenCache<EntraAccessToken> {
  /** Only that token: a refresh that already replaced it keeps its result. */
  override invalidate(key: string, token: string): void {
    super.invalidate(key, token);
  }

  /** Short-lived tokens (a test fake's, a custom policy's) would otherwise never be reused. */
  protected isFresh(token: EntraAccessToken, now: number): boolean {
    const lifetime = token.expiresAt - token.issuedAt;
    return now < token.expiresAt - Math.min(this.refreshMarginMs, lifetime / 2);
  }
}
