// Request/response load, all targets started side by side and measured in interleaved
// rounds: throughput at 50 connections (RSS sampled under load), latency at one connection
// in two placements, and the highest throughput whose p99 stays under 10 ms as the
// connection count doubles.

import { bestLatency, bestThroughput } from '../lib/best-of.mjs';
import { pin } from '../lib/processes.mjs';
import { sampleMemory } from '../lib/read-proc.mjs';
import { runWrk } from '../lib/run-wrk.mjs';

const P99_BOUND_US = 10_000;

export async function measureLoad(sessions, { options, log }) {
  const results = new Map(sessions.map((session) => [session, { throughputRounds: [], splitRounds: [], sharedRounds: [] }]));
  const wrk = (session, connections, durationS) => runWrk({ port: session.started.port, request: session.request('json'), connections, durationS, core: session.layout.rigCore });

  // JIT, pools and heap reach their steady state before anything is recorded.
  for (const session of sessions) await wrk(session, 50, options.warmupS);

  for (let round = 1; round <= options.rounds; round++) {
    log(`load round ${round}/${options.rounds}`);
    for (const session of sessions) {
      const result = results.get(session);
      const sampler = sampleMemory(session.started.proc.pid);
      const throughput = await session.measure(() => wrk(session, 50, options.durationS));
      throughput.rssMiB = sampler.stop();
      result.throughputRounds.push(throughput);
    }
    // One connection, two placements (docs/benchmarks.md, "Method"): split (the target alone
    // on core 0, so every hop wakes an idle vCPU) and shared (everything on core 1: the
    // target's own CPU time per request, without the VM's cross-core wake-up cost).
    for (const session of sessions) results.get(session).splitRounds.push(await session.measure(() => wrk(session, 1, options.durationS)));
    for (const session of sessions) {
      const { started, layout } = session;
      if (started.own) pin(started.proc.pid, layout.rigCore);
      results.get(session).sharedRounds.push(await session.measure(() => wrk(session, 1, options.durationS)));
      if (started.own) pin(started.proc.pid, layout.proxyCore);
    }
  }

  for (const session of sessions) {
    log(`${session.label}: stepping connections until p99 >= 10 ms`);
    const steps = [];
    for (const connections of options.stepConnections) {
      const step = await session.measure(() => wrk(session, connections, options.stepS));
      steps.push(step);
      if (step.latencyUs.p99 >= P99_BOUND_US) break;
    }
    const within = steps.filter((step) => step.latencyUs.p99 < P99_BOUND_US && step.errors === 0);
    const bounded = within.reduce((best, step) => (best === undefined || step.rps > best.rps ? step : best), undefined);
    const result = results.get(session);
    result.steps = steps;
    result.boundedRps = bounded?.rps ?? 0;
    result.boundedConnections = bounded?.connections ?? 0;
  }

  return new Map(
    sessions.map((session) => {
      const result = results.get(session);
      return [
        session,
        {
          throughput: {
            ...bestThroughput(result.throughputRounds),
            rssMiB: Math.max(...result.throughputRounds.map((round) => round.rssMiB)),
            rounds: result.throughputRounds.map((round) => ({ rps: round.rps, foreignCpuPercent: round.foreignCpuPercent })),
          },
          latencySplit: bestLatency(result.splitRounds),
          latencyShared: bestLatency(result.sharedRounds),
          steps: result.steps,
          boundedRps: result.boundedRps,
          boundedConnections: result.boundedConnections,
        },
      ];
    }),
  );
}
