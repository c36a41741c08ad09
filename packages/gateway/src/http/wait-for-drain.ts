// Backpressure for streamed replies: after write() returns false, wait until the socket
// drains, or until it closes (a gone client never drains). A response already destroyed
// has emitted its 'close', so waiting for one would hang: resolve at once instead.

import type { ServerResponse } from 'node:http';

export function waitForDrain(response: ServerResponse): Promise<void> {
  if (response.destroyed || !response.writableNeedDrain) return Promise.resolve();
  return new Promise((resolve) => {
    const done = (): void => {
      response.off('drain', done);
      response.off('close', done);
      resolve();
    };
    response.on('drain', done);
    response.on('close', done);
  });
}
