// Keeps one access token per credential and scope. A token is refreshed ahead of its expiry,
// and callers that arrive while a refresh runs wait for that same refresh instead of each
// starting their own, so a burst of calls costs one token exchange.

import type { GoogleAccessToken } from './request-google-access-token.js';

export interface GoogleAccessTokenCacheOptions {
  /** Refresh when less than this remains (default 5 minutes, as Google's own libraries do). */
  refreshMarginMs?: number;
  /** Milliseconds since the epoch; tests pass a fake clock. */
  now?: () => number;
}

const DEFAULT_REFRESH_MARGIN_MS = 5 * 60 * 1000;
/** A failed early refresh may fall back on the old token only while it has this long to live. */
const MIN_REMAINING_MS = 10 * 1000;

export type FetchAccessToken = (now: number) => Promise<GoogleAccessToken>;

export class GoogleAccessTokenCache {
  private readonly tokens = new Map<string, GoogleAccessToken>();
  private readonly pending = new Map<string, Promise<GoogleAccessToken>>();
  private readonly refreshMarginMs: number;
  private readonly now: () => number;

  constructor(options: GoogleAccessTokenCacheOptions = {}) {
    this.refreshMarginMs = options.refreshMarginMs ?? DEFAULT_REFRESH_MARGIN_MS;
    this.now = options.now ?? Date.now;
  }

  async get(key: string, fetch: FetchAccessToken): Promise<string> {
    const cached = this.tokens.get(key);
    if (cached !== undefined && cached.expiresAt - this.now() > this.refreshMarginMs) return cached.token;
    try {
      return (await this.refresh(key, fetch)).token;
    } catch (error) {
      if (cached !== undefined && cached.expiresAt - this.now() > MIN_REMAINING_MS) return cached.token;
      throw error;
    }
  }

  /** Forgets a token the upstream refused, so the next call fetches a new one. */
  invalidate(key: string): void {
    this.tokens.delete(key);
  }

  private refresh(key: string, fetch: FetchAccessToken): Promise<GoogleAccessToken> {
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
