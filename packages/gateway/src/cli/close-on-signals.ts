// Ctrl-C / SIGTERM: stop accepting, let in-flight requests finish, then exit. A second
// signal exits at once, for when a stream will not end.

import type { Gateway } from '../create-gateway.js';

export function closeOnSignals(gateway: Gateway): void {
  let closing = false;
  const onSignal = (signal: NodeJS.Signals): void => {
    if (closing) process.exit(1);
    closing = true;
    gateway.logger.info({ signal }, 'shutting down');
    gateway.close().then(
      () => process.exit(0),
      (error: unknown) => {
        gateway.logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
}
