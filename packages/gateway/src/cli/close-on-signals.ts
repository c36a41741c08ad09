// Ctrl-C / SIGTERM (or, in a --num_workers worker, the primary's shutdown message): stop
// accepting, let in-flight requests finish (up to the grace period given to createGateway),
// flush spend rows, then exit 0. A second signal exits at once, for when a stream will not
// end; a close that hangs past the grace exits 1 on its own. Under npx, npm's exit counts
// as the signal (see below).

import type { Gateway } from '../create-gateway.js';
import { SHUTDOWN_MESSAGE } from '../cluster/cluster-messages.js';
import { watchNpmParent } from './watch-npm-parent.js';

/** Time for the stores and the spend writer to finish after the last request has ended. */
const AFTER_GRACE_MS = 15_000;

export function closeOnSignals(gateway: Gateway, graceMs: number): void {
  let closing = false;
  const begin = (reason: string): void => {
    closing = true;
    process.stderr.write(`llmux: ${reason}: no longer accepting connections; waiting up to ${graceMs / 1000}s for requests in flight (send it again to exit now)\n`);
    gateway.logger.info({ reason, graceMs }, 'shutting down');
    setTimeout(() => {
      process.stderr.write('llmux: shutdown did not finish in time; exiting\n');
      process.exit(1);
    }, graceMs + AFTER_GRACE_MS).unref();
    gateway.close().then(
      () => process.exit(0),
      (error: unknown) => {
        gateway.logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  const onSignal = (signal: NodeJS.Signals): void => {
    if (!closing) return begin(signal);
    process.stderr.write(`llmux: ${signal} again: exiting now, without waiting for requests in flight\n`);
    process.exit(1);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  watchNpmParent(() => {
    if (!closing) begin('the npm process that started llmux is gone');
  });
  if (process.send !== undefined) {
    // A cluster worker: the primary asks once; if the primary itself is gone, so is the worker.
    process.on('message', (message: unknown) => {
      if (message === SHUTDOWN_MESSAGE && !closing) begin('shutdown requested by the primary');
    });
    process.on('disconnect', () => process.exit(closing ? 1 : 0));
  }
}
