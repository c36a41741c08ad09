// Whether the client hung up before we finished replying (and so nothing more can be sent).

import type { ServerResponse } from 'node:http';

export function clientGone(response: ServerResponse): boolean {
  // Not `socket === null`: a pipelined response waits for its socket while perfectly alive.
  return response.destroyed && !response.writableEnded;
}

/** An AbortSignal that fires when the client hangs up early, to stop the upstream call. */
export function clientAbortSignal(response: ServerResponse): AbortSignal {
  const controller = new AbortController();
  response.once('close', () => {
    if (!response.writableEnded) controller.abort();
  });
  return controller.signal;
}
