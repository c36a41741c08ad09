// Time to first token: one stream at a time through each target, everything on one core
// (as for the one-connection latency), so the difference to direct is the target's own.
// Interleaved rounds, best p50 / p99 kept, as for the other latencies.

import { bestLatency } from '../lib/best-of.mjs';
import { pin } from '../lib/processes.mjs';
import { runClient } from '../lib/run-client.mjs';

export async function measureTimeToFirstToken(sessions, { options }) {
  const rounds = new Map(sessions.map((session) => [session, []]));
  for (let round = 1; round <= options.rounds; round++) {
    for (const session of sessions) {
      const { started, layout } = session;
      const spec = { port: started.port, ...session.request('stream'), count: options.ttftCount, warmup: round === 1 ? 100 : 10 };
      if (started.own) pin(started.proc.pid, layout.rigCore);
      try {
        rounds.get(session).push(await session.measure(() => runClient('time-to-first-token', spec, layout.rigCore)));
      } finally {
        if (started.own) pin(started.proc.pid, layout.proxyCore);
      }
    }
  }
  return new Map(
    sessions.map((session) => {
      const list = rounds.get(session);
      return [session, { ...bestLatency(list, 'ttftUs'), totalUs: bestLatency(list, 'totalUs').totalUs }];
    }),
  );
}
