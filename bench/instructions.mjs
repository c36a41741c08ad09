#!/usr/bin/env node
// Instructions per request: a measure the host's other tenants cannot move. On the shared VM
// the benchmarks run on, CPU time per request drifts by ±25 % from one minute to the next,
// which hides a 5 % change. Here the target runs under `valgrind --tool=callgrind` with
// instrumentation off while it starts and warms up (a fixed number of requests, so the JIT
// reaches the same state whatever the machine is doing), then on for a fixed number of
// measured requests; user-space instructions over all its threads / requests is the number.
//
// What it leaves out: the kernel's share (syscalls, which are most of the floor's cost), and
// what valgrind changes (it serialises threads; V8's JIT timing still varies run to run,
// ±8 % on the same binary here). Use it to compare two builds, several runs each; the full
// benchmark (`bench/run.mjs`) is the number to publish.
//
//   node bench/instructions.mjs                        # floor and llmux, 2 runs each
//   node bench/instructions.mjs --targets llmux --runs 3 --cli /other/checkout/packages/gateway/bin/llmux.js
//   node bench/instructions.mjs --targets undici-floor,llmux --stream   # a 22-event chat stream per request

import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ensureTools, UPSTREAM_BIN } from './lib/ensure-tools.mjs';
import { stopProcess } from './lib/processes.mjs';
import { TARGETS, startUpstream } from './lib/targets.mjs';
import { writeTranslatedConfig } from './lib/unpinned-rows.mjs';

const { values: options } = parseArgs({
  options: {
    targets: { type: 'string', default: 'undici-floor,llmux' },
    runs: { type: 'string', default: '2' },
    warmup: { type: 'string', default: '6000' },
    requests: { type: 'string', default: '2000' },
    connections: { type: 'string', default: '10' },
    cli: { type: 'string' },
    translated: { type: 'boolean', default: false },
    stream: { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
});
if (options.help) {
  console.log(
    'Usage: node bench/instructions.mjs [--targets undici-floor,llmux] [--runs 2] [--warmup 6000] [--requests 2000] [--connections 10] [--cli path/to/llmux.js] [--translated] [--stream]',
  );
  process.exit(0);
}

const log = (message) => console.log(`[instructions ${new Date().toISOString().slice(11, 19)}] ${message}`);
try {
  execFileSync('valgrind', ['--version'], { stdio: 'ignore' });
} catch {
  console.error('valgrind is not installed: apt-get install -y valgrind');
  process.exit(1);
}
ensureTools({ install: true, build: false, log });
const { Pool } = await import('./node_modules/undici/index.js');

const runDir = mkdtempSync(join(tmpdir(), 'llmux-instructions-'));
const upstream = await startUpstream({ core: 1, runDir, bin: UPSTREAM_BIN });
const results = [];
try {
  for (const id of options.targets.split(',')) {
    const target = TARGETS.find((candidate) => candidate.id === id && candidate.id !== 'direct');
    if (target === undefined) throw new Error(`unknown target ${id} (undici-floor, llmux, portkey)`);
    const counts = [];
    for (let run = 1; run <= Number(options.runs); run += 1) {
      counts.push(await measure(target, run));
      log(`${target.label} run ${run}: ${format(counts.at(-1))} instructions per request`);
    }
    results.push({ label: target.label, counts });
  }
} finally {
  await stopProcess(upstream.proc);
}
console.log('\n| target | instructions per request (each run) | mean |\n| --- | --- | ---: |');
for (const { label, counts } of results) {
  console.log(`| ${label} | ${counts.map(format).join(', ')} | ${format(counts.reduce((sum, count) => sum + count, 0) / counts.length)} |`);
}

async function measure(target, run) {
  const dir = join(runDir, `${target.id}-${run}`);
  mkdirSync(dir, { recursive: true });
  const wrapper = ['valgrind', '--tool=callgrind', '--instr-atstart=no', `--callgrind-out-file=${dir}/callgrind.out`];
  log(`${target.label} run ${run}: starting under callgrind (about a minute)`);
  // Both placements share one core: valgrind runs every thread of the target on one anyway.
  // --translated: llmux with chat passthrough off, to compare the two paths.
  const config = options.translated && target.id === 'llmux' ? { config: writeTranslatedConfig(dir) } : {};
  const started = await target.start({ upstream, core: 0, runDir: dir, wrapper, startTimeoutMs: 300_000, ...config, ...(options.cli === undefined ? {} : { cli: options.cli }) });
  try {
    const request = target.request(options.stream ? 'stream' : 'json', started, upstream);
    await send(started.port, request, Number(options.warmup));
    callgrindControl(['-z', String(started.proc.pid)]);
    callgrindControl(['-i', 'on', String(started.proc.pid)]);
    const sent = await send(started.port, request, Number(options.requests));
    callgrindControl(['-i', 'off', String(started.proc.pid)]);
    callgrindControl(['-d', String(started.proc.pid)]);
    return totalInstructions(dir) / sent;
  } finally {
    await stopProcess(started.proc, 30_000);
  }
}

/** Sends `count` requests over keep-alive connections; fails on any answer but 200. */
async function send(port, request, count) {
  const pool = new Pool(`http://127.0.0.1:${port}`, { connections: Number(options.connections) });
  let next = 0;
  const worker = async () => {
    while (next < count) {
      next += 1;
      const response = await pool.request({ path: request.path, method: 'POST', headers: { 'content-type': 'application/json', ...request.headers }, body: request.body });
      const text = await response.body.text();
      if (response.statusCode !== 200) throw new Error(`answered ${response.statusCode}: ${text.slice(0, 200)}`);
    }
  };
  await Promise.all(Array.from({ length: Number(options.connections) }, worker));
  await pool.close();
  return count;
}

function callgrindControl(args) {
  execFileSync('callgrind_control', args, { stdio: 'ignore' });
}

/** The instructions of the dump(s) taken while instrumentation was on (`totals:` lines). */
function totalInstructions(dir) {
  let total = 0;
  for (const file of readdirSync(dir).filter((name) => name.startsWith('callgrind.out'))) {
    // The header's `summary:` can be 0 for a dump; the trailing `totals:` has the count.
    for (const match of readFileSync(join(dir, file), 'utf8').matchAll(/^(?:totals|summary): (\d+)/gm)) total = Math.max(total, Number(match[1]));
  }
  if (total === 0) throw new Error(`no callgrind totals in ${dir}`);
  return total;
}

function format(count) {
  return Math.round(count).toLocaleString('en-US');
}
