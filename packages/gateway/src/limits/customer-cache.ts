// Customer (end user) records for the limiter, cached so the request path reads the store
// at most once per customer per TTL; unknown customers are cached too (as "none"). Concurrent
// misses share one read; a read that fails or hangs (bounded by STORE_READ_TIMEOUT_MS) answers
// with the last known record, so a database outage neither fails nor stalls these calls.

import type { CustomerRecord } from '../governance/identity.js';
import { withTimeout } from './with-timeout.js';

export type CustomerLookup = (customerId: string) => Promise<CustomerRecord | undefined>;

interface Entry {
  record: CustomerRecord | undefined;
  loadedAt: number;
}

const MAX_ENTRIES = 50_000;

export class CustomerCache {
  private readonly entries = new Map<string, Entry>();
  private readonly loading = new Map<string, Promise<CustomerRecord | undefined>>();

  constructor(
    private readonly lookup: CustomerLookup,
    private readonly ttlMs = 30_000,
  ) {}

  /** Synchronous on a hit; a miss (or a store error, treated as "no record") awaits once. */
  get(customerId: string, nowMs: number): CustomerRecord | undefined | Promise<CustomerRecord | undefined> {
    const entry = this.entries.get(customerId);
    if (entry !== undefined && nowMs - entry.loadedAt < this.ttlMs) return entry.record;
    let pending = this.loading.get(customerId);
    if (pending === undefined) {
      pending = withTimeout(this.lookup(customerId))
        .then(
          (record) => this.remember(customerId, record, nowMs),
          () => entry?.record,
        )
        .finally(() => this.loading.delete(customerId));
      this.loading.set(customerId, pending);
    }
    return pending;
  }

  /** Forget one (after /customer/update) or all. */
  invalidate(customerId?: string): void {
    if (customerId === undefined) this.entries.clear();
    else this.entries.delete(customerId);
  }

  private remember(customerId: string, record: CustomerRecord | undefined, nowMs: number): CustomerRecord | undefined {
    if (this.entries.size >= MAX_ENTRIES) this.entries.clear();
    this.entries.set(customerId, { record, loadedAt: nowMs });
    return record;
  }
}
