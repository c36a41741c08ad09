// Builds the spend writer for a store: its spool and quarantine under the llmux home (the spool
// in a folder of the store's own, so a spool is only ever replayed into its database), its
// metrics in the gateway's registry and an alert when a row is quarantined.

import { join } from 'node:path';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import type { SendAlert } from '../observability/alerts/create-alerter.js';
import type { Store } from '../store/store.js';
import { SpendLogWriter, type SpendSink, type SpendWriterOptions } from './spend-log-writer.js';
import { SpendQuarantine } from './spend-quarantine.js';
import { SpendSpool, spoolDirectoryFor } from './spend-spool.js';
import { createSpendWriterMetrics } from './spend-writer-metrics.js';

export interface CreateSpendWriterOptions {
  store: Store;
  sink: SpendSink;
  logger: Logger;
  /** The llmux home (LLMUX_HOME, default ./.llmux). */
  home: string;
  settings: Omit<SpendWriterOptions, 'sink' | 'logger'>;
  metricsRegistry?: Registry | undefined;
  sendAlert?: SendAlert | undefined;
}

export function createSpendWriter(options: CreateSpendWriterOptions): SpendLogWriter {
  const { store, logger, home } = options;
  const metrics = options.metricsRegistry === undefined ? undefined : createSpendWriterMetrics(options.metricsRegistry);
  // A store without a known location (a hand-made one) gets no spool: where to replay it would be a guess.
  const location = 'location' in store && typeof store.location === 'string' ? store.location : undefined;
  const spool = location === undefined ? undefined : new SpendSpool(spoolDirectoryFor(home, `${store.dialect}:${location}`));
  const quarantine = new SpendQuarantine({
    file: join(home, 'spend-quarantine.jsonl'),
    logger,
    count: (kind) => {
      metrics?.quarantined(kind);
      options.sendAlert?.({
        type: 'spend_quarantined',
        level: 'critical',
        message: `The store refused a spend ${kind} on its own; it is kept in ${join(home, 'spend-quarantine.jsonl')} (llmux_spend_quarantined_total).`,
        dedupeKey: `spend_quarantined:${kind}`,
      });
    },
  });
  const writer = new SpendLogWriter({ sink: options.sink, logger, spool, quarantine, events: metrics, ...options.settings });
  metrics?.watch(writer);
  return writer;
}
