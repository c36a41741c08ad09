// Keeps one Entra ID token per credential. A token is reused until shortly before it expires;
// callers that arrive while a refresh runs share that one refresh, so a burst of calls
// costs one token request.

import type { EntraAccessToken } from './request-entra-token.js';

export interface EntraTokenCacheOptions {
  /** Refresh when this little of the lifetime remains (default 5 minutes, at most half the lifetime). */
  refreshMarginMs?: number;
  /** Milliseconds since the epoch; tests pass a fake clock. */
  now?: () => number;
}

const DEFAULT_REFRESH_MARGIN_MS = 5 * 60 * 1000;
/** A failed early refresh may fall back on the old token only while it has this long to live. */
const MIN_REMAINING_MS = 10 * 1000;

export type FetchEntraToken = (now: number) => Promise<EntraAccessToken>;

export class EntraTokenCache {
  private readonly tokens = new Map<string, EntraAccessToken>();
  private readonly pending = new Map<string, Promise<EntraAccessToken>>();
  private readonly refreshMarginMs: number;
  readonly now: () => number;

  constructor(options: EntraTokenCacheOptions = {}) {
    this.refreshMarginMs = options.refreshMarginMs ?? DEFAULT_REFRESH_MARGIN_MS;
    this.now = options.now ?? Date.now;
  }

  async get(key: string, fetch: FetchEntraToken): Promise<string> {
    const cached = this.tokens.get(key);
    if (cached !== undefined && this.now() < this.refreshAt(cached)) return cached.token;
    try {
      return (await this.refresh(key, fetch)).token;
    } catch (error) {
      if (cached !== undefined && cached.expiresAt - this.now() > MIN_REMAINING_MS) return cached.token;
      throw error;
    }
  }

  /** Forgets a token the upstream refused, so the next call fetches a new one. */
  invalidate(key: string, token: string): void {
    // Only that token: a refresh that already replaced it keeps its result.
    if (this.tokens.get(key)?.token === token) this.tokens.delete(key);
  }

  /** Short-lived tokens (a test fake's, a custom policy's) would otherwise never be reused. */
  private refreshAt(token: EntraAccessToken): number {
    const lifetime = token.expiresAt - token.issuedAt;
    return token.expiresAt - Math.min(this.refreshMarginMs, lifetime / 2);
  }

  private refresh(key: string, fetch: FetchEntraToken): Promise<EntraAccessToken> {
    let pending = this.pending.get(key);
    if (pending === undefined) {
      pending = fetch(this.now())
        .then((token) => {
          this.tokens.set(key, token);
          return token;
        })
        .finally(() => this.pending.delete(key));
      this.pending.set(key, pending);
    }
    return pending;
  }
}
