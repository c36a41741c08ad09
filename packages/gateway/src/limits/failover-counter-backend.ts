// Redis counters behind a circuit breaker. While Redis answers, every check goes to it. The
// first failure (an error, a timeout, a dropped connection) opens the breaker: that same
// request and every one after it are counted in process memory, so limits stay enforced
// (per instance) and an outage adds microseconds, not a timeout. Once the connection is back
// a half-open probe (PING) adds the local counts to Redis and closes the breaker.
//
// Merge rule: every amount admitted and every delta applied locally is also summed per
// counter key in a journal; the resync adds each sum to the Redis counter (seeded like any
// write) and drops windows that have ended. Redis then holds what it held plus what this
// instance counted meanwhile: the current minute's rpm/tpm are shared again, spend is not
// lost, and a parallel slot taken locally and freed after the return nets to zero. An admit
// that timed out after Redis had counted it is counted on both sides: an over-count by one
// call, never an under-count.

import type { AdmitOutcome, CounterBackend, CounterUpdate, LimitCheck } from './counter-backend.js';
import { MemoryCounterBackend } from './memory-counter-backend.js';
import type { RedisCounterBackend } from './redis-counter-backend.js';

/** `connecting`: not yet connected since start (counted locally, merged when it connects). */
export type CounterMode = 'connecting' | 'redis' | 'local';

export type ModeListener = (mode: CounterMode, previous: CounterMode, error: unknown) => void;

const PROBE_EVERY_MS = 1_000;
/** Keys per resync script call: keeps each EVAL short for Redis's single thread. */
const RESYNC_CHUNK = 500;
/** Journal passes before the breaker closes anyway (traffic keeps refilling it meanwhile). */
const RESYNC_ROUNDS = 5;

export class FailoverCounterBackend implements CounterBackend {
  private current: CounterMode = 'connecting';
  private readonly local = new MemoryCounterBackend();
  private journal = new Map<string, CounterUpdate>();
  private readonly listeners: ModeListener[] = [];
  private probing = false;
  private closed = false;
  private readonly prober: NodeJS.Timeout;
  /** Times the breaker opened, and counter keys added back to Redis by resyncs. */
  openings = 0;
  resyncedKeys = 0;

  constructor(readonly remote: RedisCounterBackend) {
    const redis = remote.redis;
    redis.on('ready', () => void this.probe());
    // A dropped connection opens the breaker before any request has to find out.
    redis.on('close', () => this.open(new Error('Redis connection closed')));
    this.prober = setInterval(() => void this.probe(), PROBE_EVERY_MS);
    this.prober.unref();
    if (redis.status === 'ready') void this.probe();
  }

  get mode(): CounterMode {
    return this.current;
  }

  onModeChange(listener: ModeListener): void {
    this.listeners.push(listener);
  }

  admit(checks: readonly LimitCheck[], nowMs: number): AdmitOutcome | Promise<AdmitOutcome> {
    if (this.current !== 'redis' || this.remote.redis.status !== 'ready') return this.admitLocally(checks, nowMs);
    return this.remote.admit(checks, nowMs).catch((error: unknown) => {
      this.open(error);
      return this.admitLocally(checks, nowMs);
    });
  }

  update(updates: readonly CounterUpdate[], nowMs: number): void | Promise<void> {
    if (this.current !== 'redis' || this.remote.redis.status !== 'ready') return this.updateLocally(updates, nowMs);
    return this.remote.update(updates, nowMs).catch((error: unknown) => {
      this.open(error);
      this.updateLocally(updates, nowMs);
    });
  }

  read(key: string, nowMs: number): number | Promise<number> {
    if (this.current !== 'redis') return this.local.read(key, nowMs);
    return this.remote.read(key).catch(() => this.local.read(key, nowMs));
  }

  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.prober);
    await this.local.close();
    await this.remote.close();
  }

  private admitLocally(checks: readonly LimitCheck[], nowMs: number): AdmitOutcome {
    if (this.current === 'redis') this.open(new Error(`Redis connection ${this.remote.redis.status}`));
    const outcome = this.local.admit(checks, nowMs);
    if (outcome.refused !== -1) return outcome;
    for (const check of checks) if (check.amount !== 0) this.note(check.key, check.amount, check.seed, check.expiresAt);
    return outcome;
  }

  private updateLocally(updates: readonly CounterUpdate[], nowMs: number): void {
    if (this.current === 'redis') this.open(new Error(`Redis connection ${this.remote.redis.status}`));
    this.local.update(updates, nowMs);
    for (const change of updates) this.note(change.key, change.delta, change.seed, change.expiresAt);
  }

  private note(key: string, delta: number, seed: number, expiresAt: number): void {
    const entry = this.journal.get(key);
    if (entry === undefined) this.journal.set(key, { key, delta, seed, expiresAt });
    else entry.delta += delta;
  }

  private open(error: unknown): void {
    if (this.current === 'local' || this.closed) return;
    const previous = this.current;
    this.current = 'local';
    this.openings += 1;
    for (const listener of this.listeners) listener('local', previous, error);
  }

  /** Half-open: one PING; when it answers, merge the journal and close the breaker. */
  private async probe(): Promise<void> {
    if (this.probing || this.closed || this.current === 'redis' || this.remote.redis.status !== 'ready') return;
    this.probing = true;
    try {
      await this.remote.redis.ping();
      await this.resync();
      if (this.closed) return;
      // Synchronous from here: no call can be counted locally between these lines.
      const leftover = this.takeJournal(Date.now());
      const previous = this.current;
      this.current = 'redis';
      this.local.clear();
      // update() handles its own failure (it falls back to counting locally).
      if (leftover.length > 0) void this.update(leftover, Date.now());
      for (const listener of this.listeners) listener('redis', previous, undefined);
    } catch (error) {
      // Still down (or flapping): stay local and try again at the next probe.
      if (this.current === 'connecting') this.open(error);
    } finally {
      this.probing = false;
    }
  }

  /** Adds the journal to Redis; entries noted while a pass is in flight go in the next one. */
  private async resync(): Promise<void> {
    for (let round = 0; round < RESYNC_ROUNDS && this.journal.size > 0; round += 1) {
      const nowMs = Date.now();
      const pending = this.takeJournal(nowMs);
      for (let start = 0; start < pending.length; start += RESYNC_CHUNK) {
        const chunk = pending.slice(start, start + RESYNC_CHUNK);
        try {
          await this.remote.update(chunk, nowMs);
        } catch (error) {
          // What was not sent goes back into the journal for the next probe.
          for (const entry of pending.slice(start)) this.note(entry.key, entry.delta, entry.seed, entry.expiresAt);
          throw error;
        }
        this.resyncedKeys += chunk.length;
      }
    }
  }

  /** Empties the journal; returns its entries still worth adding (non-zero, window not ended). */
  private takeJournal(nowMs: number): CounterUpdate[] {
    const entries = [...this.journal.values()].filter((entry) => entry.delta !== 0 && (entry.expiresAt <= 0 || entry.expiresAt > nowMs));
    this.journal = new Map();
    return entries;
  }
}
