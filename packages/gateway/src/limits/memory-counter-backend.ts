// Counters in process memory: one Map, O(1) per check, no timer per key. Rate windows are
// fixed one-minute windows named in the key, so a new minute is simply a new key; expired
// keys read as missing and one unref'd sweep a minute deletes them to bound memory.

import type { AdmitOutcome, CounterBackend, CounterUpdate, LimitCheck } from './counter-backend.js';

interface Cell {
  value: number;
  expiresAt: number;
}

const SWEEP_EVERY_MS = 60_000;

export class MemoryCounterBackend implements CounterBackend {
  private readonly cells = new Map<string, Cell>();
  private readonly sweeper: NodeJS.Timeout;

  constructor() {
    this.sweeper = setInterval(() => this.sweep(Date.now()), SWEEP_EVERY_MS);
    this.sweeper.unref();
  }

  admit(checks: readonly LimitCheck[], nowMs: number): AdmitOutcome {
    const values = new Array<number>(checks.length);
    for (let index = 0; index < checks.length; index += 1) {
      const check = checks[index] as LimitCheck;
      const current = this.live(check.key, check.seed, check.expiresAt, nowMs).value;
      values[index] = current;
      if (overLimit(check, current)) return { refused: index, values };
    }
    for (let index = 0; index < checks.length; index += 1) {
      const check = checks[index] as LimitCheck;
      if (check.amount === 0) continue;
      const cell = this.live(check.key, check.seed, check.expiresAt, nowMs);
      cell.value += check.amount;
      values[index] = cell.value;
    }
    return { refused: -1, values };
  }

  update(updates: readonly CounterUpdate[], nowMs: number): void {
    for (const change of updates) {
      const cell = this.live(change.key, change.seed, change.expiresAt, nowMs);
      cell.value = Math.max(0, cell.value + change.delta);
    }
  }

  read(key: string, nowMs: number): number {
    const cell = this.cells.get(key);
    return cell === undefined || expired(cell, nowMs) ? 0 : cell.value;
  }

  /** Forgets every counter (the failover backend, once Redis holds them again). */
  clear(): void {
    this.cells.clear();
  }

  close(): Promise<void> {
    clearInterval(this.sweeper);
    return Promise.resolve();
  }

  /** The key's cell, created (from its seed) when missing or past its expiry. */
  private live(key: string, seed: number, expiresAt: number, nowMs: number): Cell {
    let cell = this.cells.get(key);
    if (cell === undefined || expired(cell, nowMs)) {
      cell = { value: seed, expiresAt };
      this.cells.set(key, cell);
    }
    return cell;
  }

  private sweep(nowMs: number): void {
    for (const [key, cell] of this.cells) if (expired(cell, nowMs)) this.cells.delete(key);
  }
}

function expired(cell: Cell, nowMs: number): boolean {
  return cell.expiresAt > 0 && nowMs >= cell.expiresAt;
}

/**
 * rpm and parallel: full once the count reaches the limit. tpm: the estimate must fit in
 * what is left. budget: refused once spend has reached the budget (LiteLLM's rule: a call
 * may start while any budget remains, and its own cost may take spend past it).
 */
function overLimit(check: LimitCheck, current: number): boolean {
  switch (check.kind) {
    case 'rpm':
    case 'parallel':
      return current + check.amount > check.limit;
    case 'tpm':
      return current > 0 && current + check.amount > check.limit;
    case 'budget':
      return current >= check.limit;
    default: {
      const exhaustive: never = check.kind;
      throw new Error(`unknown check kind ${String(exhaustive)}`);
    }
  }
}
