// SIGHUP re-reads the config file (as POST /config/reload does). In a --num_workers worker
// the primary's reload message does the same, and a reload asked of this worker over HTTP is
// passed to the primary so that every worker re-reads the file.

import { ConfigError } from '../config/config-error.js';
import type { ConfigReloadResult } from '../config/create-config-reload-route.js';
import { RELOAD_MESSAGE } from '../cluster/cluster-messages.js';
import { describeReload } from './create-config-file-reload.js';

export function reloadOnSignals(reload: () => Promise<ConfigReloadResult>): void {
  const run = (reason: string): void => {
    reload().then(
      (result) => process.stderr.write(`llmux: config reloaded (${reason}): ${describeReload(result)}\n`),
      (error: unknown) => {
        const message = error instanceof ConfigError ? error.message : error instanceof Error ? error.message : String(error);
        process.stderr.write(`llmux: config reload (${reason}) refused; the running config stays.\n${message}\n`);
      },
    );
  };
  process.on('SIGHUP', () => run('SIGHUP'));
  if (process.send !== undefined) {
    process.on('message', (message: unknown) => {
      if (message === RELOAD_MESSAGE) run('asked by the primary');
    });
  }
}

/** POST /config/reload in a worker: reload here, then ask the primary to reload the others. */
export function reloadEverywhere(reload: () => Promise<ConfigReloadResult>): () => Promise<ConfigReloadResult> {
  return async () => {
    const result = await reload();
    process.send?.(RELOAD_MESSAGE);
    return result;
  };
}
