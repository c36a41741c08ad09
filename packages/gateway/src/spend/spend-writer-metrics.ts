// The spend writer's counters and gauges in the gateway's prom-client registry: rows quarantined
// (the store refused them on their own), spooled, replayed and dropped, and what memory holds.

import { Counter, Gauge, type Registry } from 'prom-client';
import type { QuarantineKind } from './spend-quarantine.js';
import type { SpendLogWriter, SpendWriterEvents } from './spend-log-writer.js';

export interface SpendWriterMetrics extends SpendWriterEvents {
  quarantined(kind: QuarantineKind): void;
  /** Reads the writer's buffer at scrape time (set once the writer exists). */
  watch(writer: SpendLogWriter): void;
}

export function createSpendWriterMetrics(registry: Registry): SpendWriterMetrics {
  const registers = [registry];
  const quarantined = new Counter({
    name: 'llmux_spend_quarantined_total',
    help: 'Spend rows and totals the store refused on their own, kept in the quarantine file',
    labelNames: ['kind'],
    registers,
  });
  const spooled = new Counter({ name: 'llmux_spend_rows_spooled_total', help: 'Spend-log rows written to the local spool while the store was down', registers });
  const replayed = new Counter({ name: 'llmux_spend_rows_replayed_total', help: 'Spend-log rows replayed from the local spool into the store', registers });
  const dropped = new Counter({ name: 'llmux_spend_rows_dropped_total', help: 'Spend-log rows lost (memory bound reached with no writable spool)', registers });
  let writer: SpendLogWriter | undefined;
  new Gauge({
    name: 'llmux_spend_buffered_bytes',
    help: 'Estimated bytes of spend-log rows waiting in memory',
    registers,
    collect() {
      this.set(writer?.bufferedBytes ?? 0);
    },
  });
  new Gauge({
    name: 'llmux_spend_spool_pending',
    help: '1 while spooled spend rows wait to be replayed into the store',
    registers,
    collect() {
      this.set(writer?.spoolPending === true ? 1 : 0);
    },
  });
  return {
    quarantined: (kind) => quarantined.inc({ kind }),
    spooled: (rows) => spooled.inc(rows),
    replayed: (rows) => replayed.inc(rows),
    dropped: (rows) => dropped.inc(rows),
    watch(target) {
      writer = target;
    },
  };
}
