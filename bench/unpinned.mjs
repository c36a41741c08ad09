#!/usr/bin/env node
// `node bench/unpinned.mjs`: the unpinned rig of issue 19. Nothing is pinned: the static
// upstream, wrk (1 thread, 50 connections) and every server share all cores, as on a small
// VM. Each scenario's first row is its floor: a minimal proxy that parses and re-serialises
// both bodies (an undici Pool of 64 connections) for JSON, the minimal proxy for streams.
// Reported per row: req/s (best of the rounds, rows interleaved round by round), the ratio
// to the floor, and CPU µs per request over all the server's threads (/proc/<pid>/stat over
// each round; the median round's); for streams also µs per event. Writes
// bench/results/unpinned-<date>/.
//
//   node bench/unpinned.mjs                       # 3 rounds of 10 s, every row
//   node bench/unpinned.mjs --duration 3 --rounds 1 --rows chat   # a quick check
//   node bench/unpinned.mjs --no-portkey --skip-build --skip-install
//   node bench/unpinned.mjs --pinned              # the same rows in the pinned placement (server on
//       core 0, upstream and wrk on core 1), the JSON floor being the minimal (passthrough) proxy
//   node bench/unpinned.mjs --rows "chat stream" --baseline /tmp/before   # A/B: each llmux row
//       also run from another checkout's build (its packages/gateway/bin/llmux.js), round by round

import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { setTimeout as sleep } from 'node:timers/promises';
import { checkTarget } from './lib/check-target.mjs';
import { ensureTools, UPSTREAM_BIN } from './lib/ensure-tools.mjs';
import { watchForeignCpu } from './lib/machine-load.mjs';
import { stopProcess } from './lib/processes.mjs';
import { readCpuMicros } from './lib/read-cpu.mjs';
import { runWrk } from './lib/run-wrk.mjs';
import { startUpstream } from './lib/targets.mjs';
import { EVENTS_PER_STREAM, ROWS, startServer, withBaseline, withPassthroughFloor } from './lib/unpinned-rows.mjs';

const BENCH = fileURLToPath(new URL('.', import.meta.url));
const { values } = parseArgs({
  options: {
    duration: { type: 'string', default: '10' },
    rounds: { type: 'string', default: '3' },
    connections: { type: 'string', default: '50' },
    rows: { type: 'string' },
    'no-portkey': { type: 'boolean', default: false },
    baseline: { type: 'string' },
    pinned: { type: 'boolean', default: false },
    'skip-build': { type: 'boolean', default: false },
    'skip-install': { type: 'boolean', default: false },
  },
});
const durationS = Number(values.duration);
const rounds = Number(values.rounds);
const connections = Number(values.connections);
const scenarios = values.rows?.split(',').map((name) => name.trim());
const log = (message) => process.stderr.write(`[unpinned ${new Date().toISOString().slice(11, 19)}] ${message}\n`);

ensureTools({ install: !values['skip-install'], build: !values['skip-build'], log });
const allCores = `0-${availableParallelism() - 1}`;
// Pinned: the server alone on core 0, the upstream and wrk on core 1 (docs/benchmarks.md, Method).
const cores = values.pinned ? '0' : allCores;
const rigCores = values.pinned ? '1' : allCores;
const stamp = new Date().toISOString().replace(/[:.]/g, '-');
const runDir = `${BENCH}results/unpinned-${stamp}`;
mkdirSync(runDir, { recursive: true });

const rows = withBaseline(
  (values.pinned ? ROWS.map(withPassthroughFloor) : ROWS).filter(
    (row) => (scenarios === undefined || scenarios.includes(row.scenario)) && !(values['no-portkey'] && row.server === 'portkey'),
  ),
  values.baseline,
);
const upstream = await startUpstream({ core: rigCores, runDir, bin: UPSTREAM_BIN });
const servers = new Map();
const results = { date: new Date().toISOString(), cores, connections, durationS, rounds, loadAtStart: loadavg(), rows: [] };
try {
  for (const id of new Set(rows.map((row) => row.server))) {
    log(`starting ${id}`);
    servers.set(id, await startServer(id, { upstream, cores, runDir }));
  }
  for (const row of rows) {
    const started = servers.get(row.server);
    const request = row.request(started, upstream);
    const stream = row.scenario.endsWith('stream');
    await checkTarget(started.port, () => request, stream ? 'stream' : 'json', stream ? 'data: ' : row.scenario === 'messages' ? '"type":"message"' : '"chat.completion"');
    row.measured = [];
    log(`warming up ${row.scenario} / ${row.label}`);
    await runWrk({ port: started.port, request, connections, durationS: Math.min(5, durationS), core: rigCores });
  }
  for (let round = 1; round <= rounds; round += 1) {
    for (const row of rows) {
      const started = servers.get(row.server);
      await sleep(500);
      const foreign = watchForeignCpu([upstream.proc.pid, started.proc.pid]);
      const cpuBefore = readCpuMicros(started.proc.pid);
      const load = await runWrk({ port: started.port, request: row.request(started, upstream), connections, durationS, core: rigCores });
      const cpuMicros = readCpuMicros(started.proc.pid) - cpuBefore;
      row.measured.push({ ...load, cpuMicrosPerRequest: load.requests > 0 ? cpuMicros / load.requests : null, foreignCpuPercent: foreign.end() });
      log(`round ${round}: ${row.scenario} / ${row.label}: ${load.rps} req/s, ${(cpuMicros / Math.max(1, load.requests)).toFixed(0)} µs CPU a request, ${load.errors} errors`);
    }
  }
} finally {
  for (const started of servers.values()) if (started.own) await stopProcess(started.proc);
  await stopProcess(upstream.proc);
}

for (const row of rows) {
  const best = row.measured.reduce((a, b) => (b.rps > a.rps ? b : a));
  const cpus = row.measured
    .map((round) => round.cpuMicrosPerRequest)
    .filter((cpu) => cpu !== null)
    .sort((a, b) => a - b);
  // CPU per request moves less with the neighbours than req/s does; the median round's is reported.
  const medianCpu = cpus.length === 0 ? null : cpus[Math.floor((cpus.length - 1) / 2)];
  results.rows.push({ scenario: row.scenario, label: row.label, server: row.server, best, medianCpuMicrosPerRequest: medianCpu, rounds: row.measured });
}
writeFileSync(`${runDir}/results.json`, `${JSON.stringify(results, null, 2)}\n`);
const markdown = render(results);
writeFileSync(`${runDir}/results.md`, markdown);
process.stdout.write(markdown);
log(`raw results: ${runDir}`);

function render({ rows: measured, cores: used, loadAtStart }) {
  const lines = [
    `${values.pinned ? 'Pinned placement (server on core 0, upstream and wrk on core 1)' : 'Unpinned rig'}, ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC: server on cores ${used}, wrk -t1 -c${connections}, ${rounds} × ${durationS} s rounds, best round; load average at start ${loadAtStart.map((value) => value.toFixed(2)).join(' / ')}.`,
    '',
    '| scenario | row | req/s (best round) | × floor | × Portkey | CPU µs / request (median round) | × floor CPU | µs / stream event | errors | foreign CPU % |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  // Portkey's req/s per scenario, where its row ran (it is installed and answered).
  const portkey = new Map(measured.filter((row) => row.server === 'portkey' && row.best.rps > 0).map((row) => [row.scenario, row.best.rps]));
  const floors = new Map();
  for (const row of measured) {
    if (!floors.has(row.scenario)) floors.set(row.scenario, row.best).set(`${row.scenario} cpu`, row.medianCpuMicrosPerRequest);
    const floor = floors.get(row.scenario);
    const cpu = row.medianCpuMicrosPerRequest;
    const perEvent = row.scenario.endsWith('stream') && cpu !== null ? (cpu / EVENTS_PER_STREAM).toFixed(1) : '';
    lines.push(
      `| ${row.scenario} | ${row.label} | ${row.best.rps.toLocaleString('en-US')} | ${(row.best.rps / floor.rps).toFixed(2)} | ${portkey.has(row.scenario) ? (row.best.rps / portkey.get(row.scenario)).toFixed(2) : ''} | ${cpu === null ? '' : cpu.toFixed(0)} | ${cpu === null ? '' : (cpu / floors.get(`${row.scenario} cpu`)).toFixed(2)} | ${perEvent} | ${row.best.errors} | ${row.best.foreignCpuPercent} |`,
    );
  }
  return `${lines.join('\n')}\n`;
}
