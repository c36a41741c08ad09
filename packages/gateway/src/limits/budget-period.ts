// Budget periods from `budget_duration` (`30s`, `5m`, `1h`, `1d`, `7d`, `30d`, `1mo`).
// A period is named by the epoch ms it ends at; spend counters carry that name in their
// key, so a period that has ended is a fresh counter at 0, with no reset job on the hot path.

import { LRUCache } from 'lru-cache';

const UNIT_MS: Record<string, number> = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };

export interface Duration {
  /** Fixed length in ms, or 0 for calendar months. */
  ms: number;
  months: number;
}

// Durations come from keys, teams and customers an admin created: a few distinct texts,
// bounded anyway. lru-cache stores no null, so "not a duration" has a marker of its own.
const NOT_A_DURATION: Duration = { ms: -1, months: -1 };
const cache = new LRUCache<string, Duration>({ max: 1_000 });

/** null for text that is not a duration (the config check reports it; limits ignore it). */
export function parseDuration(text: string): Duration | null {
  let parsed = cache.get(text);
  if (parsed === undefined) {
    const match = /^\s*(\d+)\s*(mo|s|m|h|d)\s*$/.exec(text);
    if (match === null || Number(match[1]) <= 0) parsed = NOT_A_DURATION;
    else if (match[2] === 'mo') parsed = { ms: 0, months: Number(match[1]) };
    else parsed = { ms: Number(match[1]) * (UNIT_MS[match[2] as string] as number), months: 0 };
    cache.set(text, parsed);
  }
  return parsed === NOT_A_DURATION ? null : parsed;
}

/** `from` moved forward by one duration. */
export function addDuration(from: number, duration: Duration): number {
  if (duration.months === 0) return from + duration.ms;
  const date = new Date(from);
  date.setUTCMonth(date.getUTCMonth() + duration.months);
  return date.getTime();
}

export interface BudgetPeriod {
  /** Epoch ms the current period ends (0: no schedule, spend never resets). */
  endsAt: number;
  /** Whether the stored spend belongs to this period (false once its reset time has passed). */
  storedSpendCurrent: boolean;
}

/**
 * The period `nowMs` falls in. With a stored `budget_reset_at` in the future, that is the
 * end; in the past, the schedule is rolled forward (the stored spend is from an old period
 * that the sweep has not reset yet). Without one, periods align to the epoch.
 */
export function currentBudgetPeriod(durationText: string | null, resetAt: Date | null, nowMs: number): BudgetPeriod {
  const duration = durationText === null ? null : parseDuration(durationText);
  if (duration === null) return { endsAt: 0, storedSpendCurrent: true };
  if (resetAt !== null) {
    let endsAt = resetAt.getTime();
    if (nowMs < endsAt) return { endsAt, storedSpendCurrent: true };
    // Bounded: a reset time years old with a 30 s duration would loop long, so jump close first.
    if (duration.ms > 0) endsAt += Math.floor((nowMs - endsAt) / duration.ms) * duration.ms;
    while (endsAt <= nowMs) endsAt = addDuration(endsAt, duration);
    return { endsAt, storedSpendCurrent: false };
  }
  if (duration.ms > 0) return { endsAt: nowMs - (nowMs % duration.ms) + duration.ms, storedSpendCurrent: true };
  const date = new Date(nowMs);
  return { endsAt: Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + duration.months, 1), storedSpendCurrent: true };
}
