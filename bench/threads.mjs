#!/usr/bin/env node
// `node bench/threads.mjs`: where llmux's CPU goes by thread (the event loop, the SQLite spend
// worker, libuv's pool, V8's helpers) for a row of the unpinned rig, in µs per request from
// /proc/<pid>/task/*/stat over a fixed wrk run. The split between threads is the figure: the
// machine's other load moves the totals, much less which thread spends them.
//
//   node bench/threads.mjs --row chat --seconds 8
//   node bench/threads.mjs --node-args "--max-semi-space-size=16"   # the gateway under other V8 flags

import { readdirSync, readFileSync, mkdirSync } from 'node:fs';
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
    row: { type: 'string', default: 'chat' },
    server: { type: 'string', default: 'llmux' },
    seconds: { type: 'string', default: '8' },
    'node-args': { type: 'string', default: '' },
    'skip-build': { type: 'boolean', default: false },
  },
});
const log = (message) => process.stderr.write(`[threads ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
ensureTools({ install: true, build: !values['skip-build'], log });
const cores = `0-${availableParallelism() - 1}`;
const runDir = `${BENCH}results/threads-${new Date().toISOString().replace(/[:.]/g, '-')}`;
mkdirSync(runDir, { recursive: true });
const row = ROWS.find((candidate) => candidate.scenario === values.row && candidate.server === values.server);
if (row === undefined) throw new Error(`no row ${values.row} on ${values.server}`);

const upstream = await startUpstream({ core: cores, runDir, bin: UPSTREAM_BIN });
const nodeArgs = values['node-args'] === '' ? undefined : values['node-args'].split(' ');
const started = await SERVERS[row.server]({ upstream, cores, runDir, nodeArgs });
try {
  const request = row.request(started, upstream);
  const load = (durationS) => runWrk({ port: started.port, request, connections: 50, durationS, core: cores });
  await load(3);
  const before = threadTimes(started.proc.pid);
  const measured = await load(Number(values.seconds));
  const after = threadTimes(started.proc.pid);
  const byName = new Map();
  for (const [tid, thread] of after) {
    const start = before.get(tid) ?? { user: 0, system: 0 };
    // Node names no thread but the main one apart: label by tid, the main thread's tid being the pid.
    const label = tid === String(started.proc.pid) ? 'main (event loop)' : `${thread.name} ${tid}`;
    const entry = byName.get(label) ?? { threads: 0, user: 0, system: 0 };
    entry.threads += 1;
    entry.user += thread.user - start.user;
    entry.system += thread.system - start.system;
    byName.set(label, entry);
  }
  process.stdout.write(`${row.scenario} / ${row.label}: ${measured.rps} req/s, ${measured.requests} requests\n\n`);
  process.stdout.write('| thread | threads | user µs / request | system µs / request |\n| --- | ---: | ---: | ---: |\n');
  const perRequest = (ticks) => ((ticks * 1e4) / measured.requests).toFixed(1);
  for (const [name, entry] of [...byName].sort((a, b) => b[1].user + b[1].system - (a[1].user + a[1].system))) {
    if (entry.user + entry.system === 0) continue;
    process.stdout.write(`| ${name} | ${entry.threads} | ${perRequest(entry.user)} | ${perRequest(entry.system)} |\n`);
  }
} finally {
  await stopProcess(started.proc, 15_000);
  await stopProcess(upstream.proc, 5_000);
}

/** utime and stime (clock ticks) of each thread, with its name. */
function threadTimes(pid) {
  const threads = new Map();
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    try {
      const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
      const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      threads.set(tid, { name, user: Number(fields[11]), system: Number(fields[12]) });
    } catch {
      // The thread ended between the listing and the read.
    }
  }
  return threads;
}
