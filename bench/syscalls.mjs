#!/usr/bin/env node
// `node bench/syscalls.mjs`: system calls per request, by name, for the unpinned rig's rows.
// The kernel's share is most of a minimal proxy's CPU, and a call count does not move with the
// host's other tenants, so an extra write or wake-up per request shows here however busy the
// machine is. Each server runs its row under wrk while `strace -f -c` counts the calls of all
// its threads for a fixed time; counts are divided by the requests wrk completed in that time.
// strace slows the server many times over: the counts per request are the figure, not the rate.
//
//   node bench/syscalls.mjs                         # chat: parsing floor and llmux
//   node bench/syscalls.mjs --rows "chat stream" --seconds 8

import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ensureTools, UPSTREAM_BIN } from './lib/ensure-tools.mjs';
import { stopProcess } from './lib/processes.mjs';
import { runWrk } from './lib/run-wrk.mjs';
import { startUpstream } from './lib/targets.mjs';
import { ROWS, SERVERS } from './lib/unpinned-rows.mjs';

const BENCH = fileURLToPath(new URL('.', import.meta.url));
const { values } = parseArgs({
  options: {
    rows: { type: 'string', default: 'chat' },
    seconds: { type: 'string', default: '6' },
    'skip-build': { type: 'boolean', default: false },
  },
});
const log = (message) => process.stderr.write(`[syscalls ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
ensureTools({ install: true, build: !values['skip-build'], log });
const cores = `0-${availableParallelism() - 1}`;
const runDir = `${BENCH}results/syscalls-${new Date().toISOString().replace(/[:.]/g, '-')}`;
mkdirSync(runDir, { recursive: true });
const scenarios = values.rows.split(',');
const seconds = Number(values.seconds);

const upstream = await startUpstream({ core: cores, runDir, bin: UPSTREAM_BIN });
const table = [];
try {
  for (const row of ROWS.filter((candidate) => scenarios.includes(candidate.scenario) && candidate.server !== 'portkey' && candidate.server !== 'llmux-translated')) {
    const started = await SERVERS[row.server]({ upstream, cores, runDir });
    try {
      const request = row.request(started, upstream);
      const load = (durationS) => runWrk({ port: started.port, request, connections: 50, durationS, core: cores });
      await load(3);
      const out = `${runDir}/${row.scenario.replace(/ /g, '-')}-${row.server}.strace`;
      const tracer = spawn('strace', ['-f', '-c', '-o', out, '-p', String(started.proc.pid)], { stdio: 'ignore' });
      await new Promise((resolve) => setTimeout(resolve, 500));
      const measured = await load(seconds);
      tracer.kill('SIGINT');
      await new Promise((resolve) => tracer.on('exit', resolve));
      const counts = parseStraceSummary(readFileSync(out, 'utf8'));
      table.push({ row, requests: measured.requests, counts });
      log(`${row.scenario} / ${row.label}: ${measured.requests} requests traced`);
    } finally {
      await stopProcess(started.proc, 15_000);
    }
  }
} finally {
  await stopProcess(upstream.proc, 5_000);
}

const names = [...new Set(table.flatMap((entry) => Object.keys(entry.counts)))].sort();
process.stdout.write(`| system call | ${table.map((entry) => `${entry.row.scenario}: ${entry.row.label}`).join(' | ')} |\n`);
process.stdout.write(`| --- |${table.map(() => ' ---: |').join('')}\n`);
const perRequest = (entry, name) => (entry.counts[name] ?? 0) / entry.requests;
for (const name of names) {
  if (table.every((entry) => perRequest(entry, name) < 0.01)) continue;
  process.stdout.write(`| ${name} | ${table.map((entry) => perRequest(entry, name).toFixed(2)).join(' | ')} |\n`);
}
process.stdout.write(`| **all** | ${table.map((entry) => (Object.values(entry.counts).reduce((sum, count) => sum + count, 0) / entry.requests).toFixed(2)).join(' | ')} |\n`);

/** strace -c's table: `% time  seconds  usecs/call  calls  errors  syscall`. */
function parseStraceSummary(text) {
  const counts = {};
  for (const line of text.split('\n')) {
    const fields = line.trim().split(/\s+/);
    if (fields.length < 5 || !/^\d/.test(fields[0]) || fields.at(-1) === 'total') continue;
    const name = fields.at(-1);
    counts[name] = Number(fields[3]);
  }
  return counts;
}
