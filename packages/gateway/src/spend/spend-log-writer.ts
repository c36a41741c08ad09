// The batched spend writer: request paths only append to memory (rows cleaned and sized first);
// a timer (or a full batch) writes rows with insertSpendLogs and the summed totals with
// incrementSpend. A row the store refuses on its own is quarantined, never retried forever.
// When the store stays down, or memory reaches its byte bound, rows and totals spill to the
// spool file and are replayed in order when the store answers, also after a restart.
//
// A batch goes in stages (resets, rows, totals). Rows are idempotent (keyed by the gateway's
// request id); totals carry the batch's ledger id, so a replay never adds them twice.

import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { SpendEntity, SpendIncrement, SpendLogRow } from '../store/store.js';
import { sanitizeIncrement, sanitizeSpendRow } from './sanitize-spend-row.js';
import type { SpendQuarantine } from './spend-quarantine.js';
import type { SpendSpool, SpoolLine } from './spend-spool.js';
import { replaySpoolChunk } from './replay-spool.js';
import { writeSpendBatch, type Batch, type Reset, type SpendSink } from './write-spend-batch.js';

export type { SpendSink } from './write-spend-batch.js';

export interface SpendWriterEvents {
  spooled?(rows: number): void;
  replayed?(rows: number): void;
  dropped?(rows: number): void;
}

export interface SpendWriterOptions {
  sink: SpendSink;
  logger: Logger;
  /** How often buffered rows are written (default 1000 ms). */
  flushIntervalMs?: number;
  /** Rows per insert; a full batch is written at once (default 500). */
  batchSize?: number;
  /** Rows kept in memory before spilling to the spool (default 100,000). */
  maxBufferedRows?: number;
  /** Estimated bytes kept in memory before spilling to the spool (default 64 MiB). */
  maxBufferedBytes?: number;
  /** Longest wait between retries (default 30 s). */
  maxBackoffMs?: number;
  /** The overflow file; without it, rows past the bounds are dropped (counted, logged). */
  spool?: SpendSpool | undefined;
  /** Spill to the spool once the store has failed for this long (default 5 s). */
  spoolAfterMs?: number;
  /** Where rows the store refuses on their own go; without it a refused batch is retried as an outage. */
  quarantine?: SpendQuarantine | undefined;
  events?: SpendWriterEvents | undefined;
}

export class SpendLogWriter {
  /** Rows dropped (no spool, or the spool not writable); reported in logs and metrics. */
  dropped = 0;
  /** Estimated bytes of the rows in memory (buffer and the batch in flight). */
  bufferedBytes = 0;
  private rows: SpendLogRow[] = [];
  private rowBytes: number[] = [];
  private totals = new Map<string, SpendIncrement>();
  private resets: Reset[] = [];
  private readonly resetsQueued = new Set<string>();
  private batch: Batch | undefined;
  private batchBytes = 0;
  private failures = 0;
  private failingSince = 0;
  private flushing: Promise<void> | undefined;
  private spilling: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private closed = false;
  private readonly flushIntervalMs: number;
  private readonly batchSize: number;
  private readonly maxBufferedRows: number;
  private readonly maxBufferedBytes: number;
  private readonly maxBackoffMs: number;
  private readonly spoolAfterMs: number;

  constructor(private readonly options: SpendWriterOptions) {
    this.flushIntervalMs = options.flushIntervalMs ?? 1_000;
    this.batchSize = options.batchSize ?? 500;
    this.maxBufferedRows = options.maxBufferedRows ?? 100_000;
    this.maxBufferedBytes = options.maxBufferedBytes ?? 64 * 1024 * 1024;
    this.maxBackoffMs = options.maxBackoffMs ?? 30_000;
    this.spoolAfterMs = options.spoolAfterMs ?? 5_000;
    this.schedule(this.flushIntervalMs);
  }

  /** Rows waiting in memory (buffer and the batch in flight). */
  get pendingRows(): number {
    return this.rows.length + (this.batch?.rows.length ?? 0);
  }

  /** Whether spooled lines wait to be replayed. */
  get spoolPending(): boolean {
    return this.options.spool?.pending === true;
  }

  /**
   * Replays spools left by gateways that stopped (call after the schema is migrated), waiting
   * up to `deadlineMs` so budgets read complete totals before the first request.
   */
  async start(deadlineMs = 30_000): Promise<void> {
    const spool = this.options.spool;
    if (spool === undefined) return;
    const adopted = await spool.adoptOrphans();
    if (adopted === 0) return;
    this.options.logger.warn({ files: adopted }, 'spend spool from a previous run found: replaying it before serving');
    const giveUpAt = Date.now() + deadlineMs;
    while (spool.pending && this.failures === 0 && Date.now() < giveUpAt) await this.flush();
    if (spool.pending)
      this.options.logger.error({ failures: this.failures }, 'spend spool not fully replayed at start: the store is unreachable; replay continues in the background');
  }

  /** Called once per request, after the reply: cleans the row, then appends only. */
  enqueue(row: SpendLogRow, increments: readonly SpendIncrement[]): void {
    for (const increment of increments) this.addTotal(sanitizeIncrement(increment));
    const { bytes } = sanitizeSpendRow(row);
    const full = this.bufferedBytes + bytes > this.maxBufferedBytes || this.pendingRows >= this.maxBufferedRows;
    // Past the bound with a spill already under way (or nowhere to spill): memory stays bounded.
    if (full && (this.options.spool === undefined || this.bufferedBytes + bytes > 2 * this.maxBufferedBytes)) {
      this.drop(1);
      return;
    }
    this.rows.push(row);
    this.rowBytes.push(bytes);
    this.bufferedBytes += bytes;
    if (full) void this.spill();
    else if (this.rows.length >= this.batchSize && this.failures === 0 && this.flushing === undefined) this.schedule(0);
  }

  /** general_settings.disable_spend_logs: spend still counts on keys, teams and users, with no row. */
  enqueueTotals(increments: readonly SpendIncrement[]): void {
    for (const increment of increments) this.addTotal(sanitizeIncrement(increment));
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

  /** Writes one batch now, after a chunk of the spool when one waits (or joins the write in progress). */
  flush(): Promise<void> {
    this.flushing ??= this.writeOnce().finally(() => {
      this.flushing = undefined;
    });
    return this.flushing;
  }

  /**
   * Stops the timer and writes what it can before `deadlineMs`; what the store cannot take
   * (it is down) goes to the spool, which the next start replays.
   */
  async close(deadlineMs = 5_000): Promise<void> {
    this.closed = true;
    clearTimeout(this.timer);
    const giveUpAt = Date.now() + deadlineMs;
    while (this.hasWork() && Date.now() < giveUpAt) {
      await this.flush();
      if (this.failures === 0) continue;
      if (this.options.spool !== undefined) break;
      await new Promise((resolve) => setTimeout(resolve, Math.min(200 * this.failures, 1_000)));
    }
    await this.spilling;
    if (this.hasMemoryWork() && this.options.spool !== undefined) await this.spill();
    if (this.pendingRows > 0)
      this.options.logger.error({ pendingRows: this.pendingRows }, 'spend writer closed with unwritten spend-log rows (no spool, or the spool not writable)');
    else if (this.spoolPending) this.options.logger.warn('spend writer closed with rows in the spool: the next start replays them');
  }

  private hasMemoryWork(): boolean {
    return this.batch !== undefined || this.rows.length > 0 || this.totals.size > 0;
  }

  private hasWork(): boolean {
    return this.hasMemoryWork() || this.resets.length > 0 || this.spoolPending;
  }

  private addTotal(increment: SpendIncrement): void {
    if (increment.amount === 0) return;
    const key = totalKey(increment.entity, increment.id, increment.model);
    const existing = this.totals.get(key);
    if (existing === undefined) this.totals.set(key, { ...increment });
    else existing.amount += increment.amount;
  }

  private drop(rows: number): void {
    this.dropped += rows;
    this.options.events?.dropped?.(rows);
    // Loud but not per row: the first drop, then every 1,000th.
    if (this.dropped % 1_000 === 1 || rows > 1)
      this.options.logger.error(
        { dropped: this.dropped, bufferedBytes: this.bufferedBytes },
        'spend-log buffer full and no spool to take it: dropping spend-log rows (spend totals are still kept)',
      );
  }

  private async writeOnce(): Promise<void> {
    try {
      const spool = this.options.spool;
      if (spool?.pending === true) {
        const chunk = await spool.read();
        if (chunk !== undefined) {
          if (chunk.unreadable > 0) this.options.logger.error({ lines: chunk.unreadable }, 'spend spool lines unreadable (disk damage?): skipped');
          const rows = await replaySpoolChunk(this.options.sink, chunk.lines, this.batchSize, this.options.quarantine);
          await chunk.commit();
          this.options.events?.replayed?.(rows);
        }
      }
      await this.writeMemoryBatch();
      if (this.failures > 0) this.options.logger.warn({ afterFailures: this.failures }, 'spend writer: database reachable again, buffered spend written');
      this.failures = 0;
    } catch (error) {
      this.failures += 1;
      if (this.failures === 1) this.failingSince = Date.now();
      if (this.failures === 1 || this.failures % 10 === 0) {
        this.options.logger.error({ err: error, failures: this.failures, pendingRows: this.pendingRows }, 'spend writer: database write failed; keeping rows and retrying');
      }
      if (this.options.spool !== undefined && Date.now() - this.failingSince >= this.spoolAfterMs) await this.spill(true);
    }
  }

  private async writeMemoryBatch(): Promise<void> {
    if (this.batch === undefined) {
      if (this.rows.length === 0 && this.totals.size === 0 && this.resets.length === 0) return;
      const rows = this.rows.splice(0, this.batchSize);
      this.batchBytes = sumOf(this.rowBytes.splice(0, rows.length));
      this.batch = { id: randomUUID(), resets: this.resets, rows, increments: [...this.totals.values()], stage: 'resets' };
      this.resets = [];
      this.totals = new Map();
    }
    await writeSpendBatch(this.options.sink, this.batch, this.options.quarantine);
    this.bufferedBytes -= this.batchBytes;
    this.batchBytes = 0;
    this.batch = undefined;
  }

  /**
   * Moves what memory holds (but resets, which the budget sweep finds again) to the spool.
   * From outside a write it first waits for the write in progress, which owns the batch.
   */
  private spill(insideWrite = false): Promise<void> {
    const spool = this.options.spool;
    if (spool === undefined) return Promise.resolve();
    this.spilling ??= (async () => {
      if (!insideWrite && this.flushing !== undefined) await this.flushing;
      const lines: SpoolLine[] = [];
      const batch = this.batch;
      if (batch !== undefined) {
        if (batch.stage !== 'totals') for (const row of batch.rows) lines.push({ row });
        if (batch.stage === 'resets') this.resets.unshift(...batch.resets);
        if (batch.increments.length > 0) lines.push({ totals: batch.increments, batch: batch.id });
      }
      const rows = this.rows;
      for (const row of rows) lines.push({ row });
      const increments = [...this.totals.values()];
      if (increments.length > 0) lines.push({ totals: increments, batch: randomUUID() });
      if (lines.length === 0) return;
      this.batch = undefined;
      this.rows = [];
      this.rowBytes = [];
      this.totals = new Map();
      const spilledBytes = this.bufferedBytes;
      const spilledRows = lines.filter((line) => 'row' in line).length;
      try {
        await spool.append(lines);
        this.bufferedBytes -= spilledBytes;
        this.batchBytes = 0;
        this.options.events?.spooled?.(spilledRows);
      } catch (error) {
        // The disk refuses too: the rows are gone; totals stay in memory to retry (budgets stay right).
        this.bufferedBytes -= spilledBytes;
        this.batchBytes = 0;
        for (const increment of [...(batch?.increments ?? []), ...increments]) this.addTotal(increment);
        this.drop(spilledRows);
        this.options.logger.error({ err: error, rows: spilledRows }, 'spend spool not writable: spend-log rows lost');
      }
    })().finally(() => {
      this.spilling = undefined;
    });
    return this.spilling;
  }

  private schedule(delayMs: number): void {
    if (this.closed) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.flush().then(
        () => {
          // More than a batch (or a spool) waiting: keep going at once; after failures, back off.
          const backlog = this.failures === 0 && (this.rows.length >= this.batchSize || this.spoolPending);
          this.schedule(backlog ? 0 : this.failures === 0 ? this.flushIntervalMs : Math.min(this.maxBackoffMs, this.flushIntervalMs * 2 ** Math.min(this.failures, 10)));
        },
        () => this.schedule(this.flushIntervalMs),
      );
    }, delayMs);
    this.timer.unref();
  }
}

function sumOf(values: readonly number[]): number {
  let sum = 0;
  for (const value of values) sum += value;
  return sum;
}

function totalKey(entity: SpendEntity, id: string, model: string | undefined): string {
  return model === undefined ? `${entity}\u0000${id}` : `${entity}\u0000${id}\u0000${model}`;
}
