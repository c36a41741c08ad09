// Writes lines read back from the spool, in order: rows in batches (a row written before is
// skipped by its request id), totals under the ledger id they were spooled with (a batch
// applied before is skipped). Throws when the store is unreachable; the chunk is then read again.

import type { SpendLogRow } from '../store/store.js';
import type { SpendQuarantine } from './spend-quarantine.js';
import type { SpoolLine } from './spend-spool.js';
import { writeRows, writeTotals, type SpendSink } from './write-spend-batch.js';

/** Returns how many rows the chunk held. */
export async function replaySpoolChunk(sink: SpendSink, lines: readonly SpoolLine[], batchSize: number, quarantine: SpendQuarantine | undefined): Promise<number> {
  let rows: SpendLogRow[] = [];
  let count = 0;
  for (const line of lines) {
    if ('row' in line) {
      rows.push(line.row);
      count += 1;
      if (rows.length < batchSize) continue;
    }
    await writeRows(sink, rows, quarantine);
    rows = [];
    if ('totals' in line) await writeTotals(sink, line.totals, line.batch, quarantine);
  }
  await writeRows(sink, rows, quarantine);
  return count;
}
