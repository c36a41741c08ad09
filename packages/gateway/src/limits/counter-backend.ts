// The counters behind rate limits and budgets, one interface for both backends: process
// memory (one instance) and Redis (shared by many). Every counter is a number under a key
// that already names its window or budget period, so neither backend needs per-key timers.

/** What a check guards: requests per minute, tokens per minute, open calls, or spend. */
export type CheckKind = 'rpm' | 'tpm' | 'parallel' | 'budget';

export interface LimitCheck {
  kind: CheckKind;
  /** Counter key, including the minute window (rpm/tpm) or budget period (budget). */
  key: string;
  limit: number;
  /** Added when admitted: 1 (rpm, parallel), the token estimate (tpm), 0 (budget: check only). */
  amount: number;
  /** The value a missing counter starts from (a budget's spend already in the database). */
  seed: number;
  /**
   * Epoch ms when the counter may be forgotten (end of its window or period); 0 = never;
   * LEASE = a parallel-slot count, which Redis forgets after 10 idle minutes so that slots
   * held by a crashed instance do not block a key for long.
   */
  expiresAt: number;
}

export const LEASE = -1;

export interface AdmitOutcome {
  /** Index of the first check over its limit (nothing was counted), or -1 when admitted. */
  refused: number;
  /** Each check's counter value after admission (or as found, when refused). */
  values: number[];
}

/** A change applied after the call: settle a TPM estimate, free a slot, add spend. */
export interface CounterUpdate {
  key: string;
  delta: number;
  seed: number;
  expiresAt: number;
}

export interface CounterBackend {
  /**
   * Checks every limit and, only if all pass, counts the call against all of them, as one
   * atomic step. The memory backend answers synchronously (no await on the hot path).
   */
  admit(checks: readonly LimitCheck[], nowMs: number): AdmitOutcome | Promise<AdmitOutcome>;
  /** Applies updates; counters never go below zero (a released slot twice is harmless). */
  update(updates: readonly CounterUpdate[], nowMs: number): void | Promise<void>;
  /** A counter's current value (0 when missing or expired): for metrics and tests. */
  read(key: string, nowMs: number): number | Promise<number>;
  close(): Promise<void>;
}

/** The start of the fixed one-minute window that `nowMs` falls in. */
export function minuteWindow(nowMs: number): number {
  return nowMs - (nowMs % 60_000);
}
