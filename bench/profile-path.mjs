#!/usr/bin/env node
// `node bench/profile-path.mjs`: one llmux path under `node --cpu-prof`, for the before/after
// profiles of docs/benchmarks.md's findings. The gateway (bench config, virtual key), the
// static upstream and wrk share all cores (the unpinned rig); 3 s of warm-up are left out.
//
//   node bench/profile-path.mjs --row chat                 # passed-through chat
//   node bench/profile-path.mjs --row chat --translated    # the same with chat_passthrough: false
//   node bench/profile-path.mjs --row messages --duration 20

import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ensureTools, UPSTREAM_BIN } from './lib/ensure-tools.mjs';
import { stopProcess } from './lib/processes.mjs';
import { readCpuMicros } from './lib/read-cpu.mjs';
import { runWrk } from './lib/run-wrk.mjs';
import { summarizeCpuProfile } from './lib/summarize-cpu-profile.mjs';
import { startUpstream } from './lib/targets.mjs';
import { ROWS, SERVERS } from './lib/unpinned-rows.mjs';

const BENCH = fileURLToPath(new URL('.', import.meta.url));
const { values } = parseArgs({
  options: {
    row: { type: 'string', default: 'chat' },
    translated: { type: 'boolean', default: false },
    duration: { type: 'string', default: '15' },
    'skip-build': { type: 'boolean', default: false },
  },
});
const log = (message) => process.stderr.write(`[profile ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
ensureTools({ install: true, build: !values['skip-build'], log });
const server = values.translated ? 'llmux-translated' : 'llmux';
const row = ROWS.find((candidate) => candidate.scenario === values.row && candidate.server === server);
if (row === undefined) throw new Error(`no row ${values.row} on ${server}`);
const cores = `0-${availableParallelism() - 1}`;
const runDir = `${BENCH}results/profile-${new Date().toISOString().replace(/[:.]/g, '-')}`;
const dir = `${runDir}/cpu-profile`;
mkdirSync(dir, { recursive: true });

const upstream = await startUpstream({ core: cores, runDir, bin: UPSTREAM_BIN });
const spawnedAt = performance.now();
const started = await SERVERS[server]({ upstream, cores, runDir, nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${dir}`, '--cpu-prof-interval=250'] });
const request = row.request(started, upstream);
const load = (seconds) => runWrk({ port: started.port, request, connections: 50, durationS: seconds, core: cores });
let measured;
let cpuMicros;
try {
  await load(3);
  const skipUs = (performance.now() - spawnedAt) * 1000;
  const before = readCpuMicros(started.proc.pid);
  measured = await load(Number(values.duration));
  cpuMicros = readCpuMicros(started.proc.pid) - before;
  await stopProcess(started.proc, 15_000);
  const file = readdirSync(dir).find((name) => name.endsWith('.cpuprofile'));
  if (file === undefined) throw new Error(`no .cpuprofile written in ${dir}`);
  const summary = { row: values.row, server, rps: measured.rps, cpuMicrosPerRequest: cpuMicros / measured.requests, ...summarizeCpuProfile(`${dir}/${file}`, { skipUs, top: 30 }) };
  writeFileSync(`${runDir}/summary.json`, `${JSON.stringify(summary, null, 2)}\n`);
  process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
  log(`profile and summary: ${runDir}`);
} finally {
  await stopProcess(started.proc);
  await stopProcess(upstream.proc);
}
