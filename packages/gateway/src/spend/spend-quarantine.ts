// Where spend rows (and totals) the store refuses on their own go: a JSON-lines file under the
// llmux home, not a table, because the store that just refused the row is the one place it is
// known not to fit. Each entry keeps the item and the store's error for an operator to fix
// and replay; each is counted (metric) and logged at error level.

import { mkdirSync } from 'node:fs';
import { appendFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Logger } from 'pino';
import type { SpendIncrement, SpendLogRow } from '../store/store.js';

export type QuarantineKind = 'row' | 'total';

export interface QuarantineOptions {
  /** The file (`<home>/spend-quarantine.jsonl`). */
  file: string;
  logger: Logger;
  /** Counts each quarantined item (the llmux_spend_quarantined_total metric). */
  count?: ((kind: QuarantineKind) => void) | undefined;
}

export class SpendQuarantine {
  /** Items quarantined by this process. */
  total = 0;
  private chain: Promise<void> = Promise.resolve();

  constructor(private readonly options: QuarantineOptions) {}

  add(kind: QuarantineKind, item: SpendLogRow | SpendIncrement, error: unknown): Promise<void> {
    this.total += 1;
    this.options.count?.(kind);
    const message = error instanceof Error ? error.message : String(error);
    const id = 'request_id' in item ? item.request_id : `${item.entity}:${item.id}`;
    this.options.logger.error(
      { kind, id, error: message, file: this.options.file },
      `spend ${kind} quarantined: the store refused it on its own (alert: fix and replay it from the quarantine file)`,
    );
    const line = JSON.stringify({ at: new Date().toISOString(), kind, error: message, item }) + '\n';
    this.chain = this.chain
      .then(async () => {
        mkdirSync(dirname(this.options.file), { recursive: true });
        await appendFile(this.options.file, line);
      })
      .catch((writeError: unknown) => {
        this.options.logger.error({ err: writeError, kind, id, item }, 'spend quarantine file not writable: the quarantined item is only in this log line');
      });
    return this.chain;
  }
}
