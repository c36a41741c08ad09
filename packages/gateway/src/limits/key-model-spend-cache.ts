// A key's stored per-model spend (for `model_max_budget`), read once per key per TTL so a
// per-model budget counter created after a restart starts from what the database holds.
// Concurrent misses share one read; a read that fails or hangs answers with the last known
// spend (none: {}), so a database outage neither fails nor stalls these calls.

import { withTimeout } from './with-timeout.js';

type Lookup = (token: string) => Promise<Record<string, number>>;

interface Entry {
  spend: Record<string, number>;
  loadedAt: number;
}

const MAX_ENTRIES = 50_000;

export class KeyModelSpendCache {
  private readonly entries = new Map<string, Entry>();
  private readonly loading = new Map<string, Promise<Record<string, number>>>();

  constructor(
    private readonly lookup: Lookup,
    private readonly ttlMs = 60_000,
  ) {}

  /** Synchronous on a hit; a miss awaits the store once (a store error reads as no spend). */
  get(token: string, nowMs: number): Record<string, number> | Promise<Record<string, number>> {
    const entry = this.entries.get(token);
    if (entry !== undefined && nowMs - entry.loadedAt < this.ttlMs) return entry.spend;
    let pending = this.loading.get(token);
    if (pending === undefined) {
      pending = withTimeout(this.lookup(token))
        .then(
          (spend) => {
            if (this.entries.size >= MAX_ENTRIES) this.entries.clear();
            this.entries.set(token, { spend, loadedAt: nowMs });
            return spend;
          },
          () => entry?.spend ?? {},
        )
        .finally(() => this.loading.delete(token));
      this.loading.set(token, pending);
    }
    return pending;
  }
}
