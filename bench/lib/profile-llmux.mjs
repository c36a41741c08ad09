// Profiles the llmux gateway under the same load as the throughput run: started through
// its CLI with `node --cpu-prof`, warmed up, loaded with wrk at 50 connections, stopped
// with SIGTERM (the CLI exits cleanly, and node writes the profile on exit), summarised.

import { readdirSync } from 'node:fs';
import { runWrk } from './run-wrk.mjs';
import { stopProcess } from './processes.mjs';
import { summarizeCpuProfile } from './summarize-cpu-profile.mjs';
import { TARGETS } from './targets.mjs';

export async function profileLlmux({ upstream, layout, runDir, durationS }) {
  const target = TARGETS.find((candidate) => candidate.id === 'llmux');
  const dir = `${runDir}/cpu-profile`;
  // 250 µs sampling: finer than the default 1 ms, still a small overhead at ~10k req/s.
  const nodeArgs = ['--cpu-prof', `--cpu-prof-dir=${dir}`, '--cpu-prof-interval=250'];
  const spawnedAt = performance.now();
  const started = await target.start({ upstream, core: layout.proxyCore, runDir, nodeArgs });
  const request = target.request('json', started, upstream);
  const load = (seconds) => runWrk({ port: started.port, request, connections: 50, durationS: seconds, core: layout.rigCore });
  await load(3);
  // Only the measured load counts: startup, module loading and warm-up are left out.
  const skipUs = (performance.now() - spawnedAt) * 1000;
  const measured = await load(durationS);
  await stopProcess(started.proc, 15_000);
  const file = readdirSync(dir).find((name) => name.endsWith('.cpuprofile'));
  if (file === undefined) throw new Error(`no .cpuprofile written in ${dir}`);
  return { file: `${dir}/${file}`, rpsWhileProfiling: measured.rps, ...summarizeCpuProfile(`${dir}/${file}`, { skipUs }) };
}
