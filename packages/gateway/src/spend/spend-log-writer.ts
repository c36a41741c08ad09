// The batched spend writer: request paths only append to memory; a timer (or a full batch)
// writes rows with the store's insertSpendLogs and the summed totals with incrementSpend.
// When the database is down, batches stay in a bounded buffer and are retried with backoff,
// so calls keep flowing and nothing is lost up to the bound. Past the bound, rows are
// dropped (counted, logged loudly) but totals are still summed: budgets stay right.
//
// A batch goes in two stages, rows then totals. Rows are idempotent (keyed by request id),
// totals are not; a batch whose totals failed retries only its totals, never adding twice.

import type { Logger } from 'pino';
import type { SpendEntity, SpendIncrement, SpendLogRow, Store } from '../store/store.js';

export type SpendSink = Pick<Store, 'insertSpendLogs' | 'incrementSpend' | 'resetSpend'>;

export interface SpendWriterOptions {
  sink: SpendSink;
  logger: Logger;
  /** How often buffered rows are written (default 1000 ms). */
  flushIntervalMs?: number;
  /** Rows per insert; a full batch is written at once (default 500). */
  batchSize?: number;
  /** Rows kept while the database is unreachable (default 100,000). */
  maxBufferedRows?: number;
  /** Longest wait between retries (default 30 s). */
  maxBackoffMs?: number;
}

interface Reset {
  entity: SpendEntity;
  id: string;
  nextResetAt: Date | null;
  model: string | undefined;
}

interface Batch {
  resets: Reset[];
  rows: SpendLogRow[];
  increments: SpendIncrement[];
  stage: 'resets' | 'rows' | 'totals';
}

export class SpendLogWriter {
  /** Rows dropped because the buffer was full; reported in logs and metrics. */
  dropped = 0;
  private rows: SpendLogRow[] = [];
  private totals = new Map<string, SpendIncrement>();
  private resets: Reset[] = [];
  private readonly resetsQueued = new Set<string>();
  private batch: Batch | undefined;
  private failures = 0;
  private flushing: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private closed = false;
  private readonly flushIntervalMs: number;
  private readonly batchSize: number;
  private readonly maxBufferedRows: number;
  private readonly maxBackoffMs: number;

  constructor(private readonly options: SpendWriterOptions) {
    this.flushIntervalMs = options.flushIntervalMs ?? 1_000;
    this.batchSize = options.batchSize ?? 500;
    this.maxBufferedRows = options.maxBufferedRows ?? 100_000;
    this.maxBackoffMs = options.maxBackoffMs ?? 30_000;
    this.schedule(this.flushIntervalMs);
  }

  /** Rows waiting to be written (buffer and the batch in flight). */
  get pendingRows(): number {
    return this.rows.length + (this.batch?.rows.length ?? 0);
  }

  /** Called once per request, after the reply: appends only. */
  enqueue(row: SpendLogRow, increments: readonly SpendIncrement[]): void {
    for (const increment of increments) this.addTotal(increment);
    if (this.pendingRows >= this.maxBufferedRows) {
      this.dropped += 1;
      // Loud but not per row: the first drop, then every 1,000th.
      if (this.dropped % 1_000 === 1) this.options.logger.error({ dropped: this.dropped, buffered: this.pendingRows }, 'spend-log buffer full: dropping spend-log rows (spend totals are still kept)');
      return;
    }
    this.rows.push(row);
    if (this.rows.length >= this.batchSize && this.failures === 0 && this.flushing === undefined) this.schedule(0);
  }

  /**
   * A budget period ended: zero the stored total. Totals summed before it are dropped (they
   * belong to the ended period). The request path and the sweep may both notice the same
   * reset; each is queued once.
   */
  enqueueReset(entity: SpendEntity, id: string, nextResetAt: Date | null, model?: string): void {
    const marker = `${totalKey(entity, id, model)}\u0000${nextResetAt?.getTime() ?? 0}`;
    if (this.resetsQueued.has(marker)) return;
    if (this.resetsQueued.size > 100_000) this.resetsQueued.clear();
    this.resetsQueued.add(marker);
    this.totals.delete(totalKey(entity, id, model));
    this.resets.push({ entity, id, nextResetAt, model });
  }

  /** Writes one batch now (or joins the write in progress). */
  flush(): Promise<void> {
    this.flushing ??= this.writeBatch().finally(() => {
      this.flushing = undefined;
    });
    return this.flushing;
  }

  /** Stops the timer and writes everything left, retrying until `deadlineMs` has passed. */
  async close(deadlineMs = 5_000): Promise<void> {
    this.closed = true;
    clearTimeout(this.timer);
    const giveUpAt = Date.now() + deadlineMs;
    while (this.hasWork() && Date.now() < giveUpAt) {
      await this.flush();
      if (this.failures > 0) await new Promise((resolve) => setTimeout(resolve, Math.min(200 * this.failures, 1_000)));
    }
    if (this.hasWork()) this.options.logger.error({ pendingRows: this.pendingRows }, 'spend writer closed with unwritten spend-log rows');
  }

  private hasWork(): boolean {
    return this.batch !== undefined || this.rows.length > 0 || this.totals.size > 0 || this.resets.length > 0;
  }

  private addTotal(increment: SpendIncrement): void {
    if (increment.amount === 0) return;
    const key = totalKey(increment.entity, increment.id, increment.model);
    const existing = this.totals.get(key);
    if (existing === undefined) this.totals.set(key, { ...increment });
    else existing.amount += increment.amount;
  }

  private async writeBatch(): Promise<void> {
    if (this.batch === undefined) {
      if (this.rows.length === 0 && this.totals.size === 0 && this.resets.length === 0) return;
      this.batch = { resets: this.resets, rows: this.rows.splice(0, this.batchSize), increments: [...this.totals.values()], stage: 'resets' };
      this.resets = [];
      this.totals = new Map();
    }
    const batch = this.batch;
    const { sink } = this.options;
    try {
      if (batch.stage === 'resets') {
        for (const reset of batch.resets) await sink.resetSpend(reset.entity, reset.id, reset.nextResetAt, reset.model);
        batch.stage = 'rows';
      }
      if (batch.stage === 'rows') {
        if (batch.rows.length > 0) await sink.insertSpendLogs(batch.rows);
        batch.stage = 'totals';
      }
      if (batch.increments.length > 0) await sink.incrementSpend(batch.increments);
      this.batch = undefined;
      if (this.failures > 0) this.options.logger.warn({ afterFailures: this.failures }, 'spend writer: database reachable again, buffered spend written');
      this.failures = 0;
    } catch (error) {
      this.failures += 1;
      if (this.failures === 1 || this.failures % 10 === 0) {
        this.options.logger.error({ err: error, failures: this.failures, pendingRows: this.pendingRows }, 'spend writer: database write failed; keeping rows and retrying');
      }
    }
  }

  private schedule(delayMs: number): void {
    if (this.closed) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.flush().then(() => {
        // More than a batch waiting: keep going at once; after failures, back off.
        const backlog = this.failures === 0 && this.rows.length >= this.batchSize;
        this.schedule(backlog ? 0 : this.failures === 0 ? this.flushIntervalMs : Math.min(this.maxBackoffMs, this.flushIntervalMs * 2 ** Math.min(this.failures, 10)));
      }, () => this.schedule(this.flushIntervalMs));
    }, delayMs);
    this.timer.unref();
  }
}

function totalKey(entity: SpendEntity, id: string, model: string | undefined): string {
  return model === undefined ? `${entity}\u0000${id}` : `${entity}\u0000${id}\u0000${model}`;
}
