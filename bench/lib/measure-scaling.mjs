// `--num_workers`: the llmux gateway started with 1 and with 2 workers, in the bench's
// configuration and with its virtual key, loaded at 50 connections in interleaved rounds,
// best round kept. Nothing is pinned: the workers, the static upstream and wrk share every
// core, as on a small host that runs its own load. The pinned single-process row of the main
// table is what one core gives; this says what a second worker adds on this machine.

import { bestThroughput } from './best-of.mjs';
import { stopProcess } from './processes.mjs';
import { runWrk } from './run-wrk.mjs';
import { TARGETS } from './targets.mjs';

export async function measureScaling({ upstream, runDir, options, log, workerCounts = [1, 2], allCores = '0-1' }) {
  const llmux = TARGETS.find((target) => target.id === 'llmux');
  const sessions = [];
  try {
    for (const workers of workerCounts) {
      const started = await llmux.start({ upstream, core: allCores, runDir, extraArgs: ['--num_workers', String(workers)] });
      sessions.push({ workers, started, request: llmux.request('json', started, upstream), rounds: [] });
    }
    const load = (session, durationS) => runWrk({ port: session.started.port, request: session.request, connections: 50, durationS, core: allCores });
    for (const session of sessions) await load(session, options.warmupS);
    for (let round = 1; round <= options.rounds; round += 1) {
      log(`scaling round ${round}/${options.rounds}: ${sessions.map((session) => `${session.workers} worker(s)`).join(', ')}`);
      for (const session of sessions) session.rounds.push(await load(session, options.durationS));
    }
  } finally {
    for (const session of sessions) await stopProcess(session.started.proc, 15_000);
  }
  return sessions.map(({ workers, rounds }) => {
    const best = bestThroughput(rounds);
    return { workers, rps: best.rps, errors: best.errors, latencyUs: best.latencyUs, roundsRps: rounds.map((round) => round.rps) };
  });
}
