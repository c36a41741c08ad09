// One spend batch into the store, in stages (resets, rows, totals) so a retry repeats only what
// failed. A refused write is told apart from an outage by its error (about the data) and a
// ping: when both say so, the batch is split to find the items the store refuses, which are
// quarantined, and the rest is written. Otherwise the error goes up and the writer keeps (or
// spools) the batch.

import type { SpendEntity, SpendIncrement, SpendLogRow, Store } from '../store/store.js';
import { isDataError } from './classify-store-error.js';
import type { SpendQuarantine } from './spend-quarantine.js';
import { writeIsolating } from './write-isolating.js';

export type SpendSink = Pick<Store, 'insertSpendLogs' | 'incrementSpend' | 'resetSpend'> & Partial<Pick<Store, 'ping'>>;

export interface Reset {
  entity: SpendEntity;
  id: string;
  nextResetAt: Date | null;
  model: string | undefined;
}

export interface Batch {
  /** Ledger id: the store adds a batch's totals once, however often it is replayed. */
  id: string;
  resets: Reset[];
  rows: SpendLogRow[];
  increments: SpendIncrement[];
  stage: 'resets' | 'rows' | 'totals';
}

/** Writes what is left of `batch`; throws (leaving `batch.stage` at the failed stage) when the store is unreachable. */
export async function writeSpendBatch(sink: SpendSink, batch: Batch, quarantine: SpendQuarantine | undefined): Promise<void> {
  if (batch.stage === 'resets') {
    for (const reset of batch.resets) await sink.resetSpend(reset.entity, reset.id, reset.nextResetAt, reset.model);
    batch.stage = 'rows';
  }
  if (batch.stage === 'rows') {
    await writeRows(sink, batch.rows, quarantine);
    batch.stage = 'totals';
  }
  await writeTotals(sink, batch.increments, batch.id, quarantine);
}

export async function writeRows(sink: SpendSink, rows: readonly SpendLogRow[], quarantine: SpendQuarantine | undefined): Promise<void> {
  if (rows.length === 0) return;
  try {
    await sink.insertSpendLogs(rows);
  } catch (error) {
    const probe = await refusedNotDown(sink, error, quarantine);
    const refused = await writeIsolating(rows, (part) => sink.insertSpendLogs(part), probe);
    for (const { item, error: itemError } of refused) await (quarantine as SpendQuarantine).add('row', item, itemError);
  }
}

export async function writeTotals(sink: SpendSink, increments: readonly SpendIncrement[], batchId: string, quarantine: SpendQuarantine | undefined): Promise<void> {
  if (increments.length === 0) return;
  try {
    await sink.incrementSpend(increments, batchId);
  } catch (error) {
    const probe = await refusedNotDown(sink, error, quarantine);
    // The whole batch rolled back (its ledger id unused); each part gets an id of its own from its path.
    const refused = await writeIsolating(increments, (part, path) => sink.incrementSpend(part, `${batchId}/${path}`), probe);
    for (const { item, error: itemError } of refused) await (quarantine as SpendQuarantine).add('total', item, itemError);
  }
}

/**
 * Rethrows `error` unless it is about the data and the store answers a ping (and there is a
 * quarantine): a store that is down or full refuses everything, and splitting then would only
 * multiply the failures (and quarantine good rows).
 */
async function refusedNotDown(sink: SpendSink, error: unknown, quarantine: SpendQuarantine | undefined): Promise<() => Promise<void>> {
  const ping = sink.ping;
  if (ping === undefined || quarantine === undefined || !isDataError(error)) throw error;
  try {
    await ping.call(sink);
  } catch {
    throw error;
  }
  return () => ping.call(sink);
}
