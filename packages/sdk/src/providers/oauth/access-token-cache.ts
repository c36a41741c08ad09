// Keeps one access token per credential key, for the OAuth-style providers (Entra ID,
// Google). A token is reused until its refresh point; callers that arrive while a refresh
// runs share that one refresh, so a burst of calls costs one token request; and a failed
// early refresh falls back on the old token while it still has a little life left.

export interface CachedAccessToken {
  token: string;
  /** Milliseconds since the epoch. */
  expiresAt: number;
}

export interface AccessTokenCacheOptions {
  /** Refresh when this little of the lifetime remains (default 5 minutes). */
  refreshMarginMs?: number;
  /** Milliseconds since the epoch; tests pass a fake clock. */
  now?: () => number;
}

export type FetchCachedToken<Token extends CachedAccessToken> = (now: number) => Promise<Token>;

const DEFAULT_REFRESH_MARGIN_MS = 5 * 60 * 1000;
/** A failed early refresh may fall back on the old token only while it has this long to live. */
const MIN_REMAINING_MS = 10 * 1000;

export abstract class AccessTokenCache<Token extends CachedAccessToken> {
  private readonly tokens = new Map<string, Token>();
  private readonly pending = new Map<string, Promise<Token>>();
  protected readonly refreshMarginMs: number;
  readonly now: () => number;

  constructor(options: AccessTokenCacheOptions = {}) {
    this.refreshMarginMs = options.refreshMarginMs ?? DEFAULT_REFRESH_MARGIN_MS;
    this.now = options.now ?? Date.now;
  }

  async get(key: string, fetch: FetchCachedToken<Token>): Promise<string> {
    const cached = this.tokens.get(key);
    if (cached !== undefined && this.isFresh(cached, this.now())) return cached.token;
    try {
      return (await this.refresh(key, fetch)).token;
    } catch (error) {
      if (cached !== undefined && cached.expiresAt - this.now() > MIN_REMAINING_MS) return cached.token;
      throw error;
    }
  }

  /**
   * Forgets a token the upstream refused, so the next call fetches a new one. Given the
   * refused token, only that one: a refresh that already replaced it keeps its result.
   */
  invalidate(key: string, token?: string): void {
    if (token === undefined || this.tokens.get(key)?.token === token) this.tokens.delete(key);
  }

  /** Whether a cached token may still be handed out at `now`; each issuer decides. */
  protected abstract isFresh(token: Token, now: number): boolean;

  private refresh(key: string, fetch: FetchCachedToken<Token>): Promise<Token> {
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
