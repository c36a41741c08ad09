#!/usr/bin/env node
// `node bench/run.mjs`: the whole benchmark suite in one command. Installs what it needs,
// starts the static upstream, measures each target side by side, profiles the llmux
// gateway, writes bench/results/ and the results section of docs/benchmarks.md.
// Cores (2 on the reference machine): the target under test gets core 0 to itself; the
// upstream, wrk, the stream clients and this runner share core 1. See docs/benchmarks.md.

import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ensureTools, UPSTREAM_BIN } from './lib/ensure-tools.mjs';
import { machineInfo } from './lib/machine-info.mjs';
import { measureScaling } from './lib/measure-scaling.mjs';
import { parseOptions, USAGE } from './lib/options.mjs';
import { pinSelf, stopProcess } from './lib/processes.mjs';
import { profileLlmux } from './lib/profile-llmux.mjs';
import { renderResults } from './lib/render-results.mjs';
import { runPhases } from './lib/run-phases.mjs';
import { TARGETS, startUpstream } from './lib/targets.mjs';
import { updateDoc } from './lib/update-doc.mjs';

const BENCH = fileURLToPath(new URL('.', import.meta.url));
const LAYOUT = { proxyCore: 0, rigCore: 1 };

const options = parseOptions(process.argv.slice(2));
if (options.help) {
  process.stdout.write(USAGE);
  process.exit(0);
}
const log = (message) => process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`);

pinSelf(LAYOUT.rigCore);
ensureTools({ install: options.install, build: options.build, log });

const stamp = new Date().toISOString().replace(/[:.]/g, '-');
const runDir = `${BENCH}results/run-${stamp}`;
mkdirSync(runDir, { recursive: true });
const machine = machineInfo();
const streamLevels = options.streamLevels ?? defaultStreamLevels(machine.openFilesLimit);
const targets = TARGETS.filter((target) => options.targets === undefined || options.targets.includes(target.id));
const results = {
  date: new Date().toISOString(),
  machine,
  layout: LAYOUT,
  options: { quick: options.quick, long: options.long, durationS: options.durationS, rounds: options.rounds, soakRequests: options.soakRequests, streamLevels },
  targets: {},
};
const save = () => {
  writeFileSync(`${runDir}/results.json`, `${JSON.stringify(results, null, 2)}\n`);
  writeFileSync(`${BENCH}results/latest.json`, `${JSON.stringify(results, null, 2)}\n`);
};

const upstream = await startUpstream({ core: LAYOUT.rigCore, runDir, bin: UPSTREAM_BIN });
try {
  await runPhases(targets, { upstream, layout: LAYOUT, options, runDir, streamLevels, log }, results, save);
  if (options.scaling && targets.some((target) => target.id === 'llmux')) {
    log('llmux gateway with --num_workers 1 and 2 (nothing pinned)');
    results.scaling = await measureScaling({ upstream, runDir, options, log });
    save();
  }
  if (options.profile) {
    log(`profiling the llmux gateway under load (${options.profileS} s, node --cpu-prof)`);
    results.profile = await profileLlmux({ upstream, layout: LAYOUT, runDir, durationS: options.profileS });
    save();
  }
} finally {
  await stopProcess(upstream.proc);
}

const markdown = renderResults(results);
writeFileSync(`${runDir}/results.md`, markdown);
process.stdout.write(markdown);
if (options.writeDoc) {
  updateDoc(markdown);
  log('updated the results section of docs/benchmarks.md');
}
log(`raw results: ${runDir}`);

/** 10,000 streams need two sockets each in a proxy; stay under the open-files limit. */
function defaultStreamLevels(limit = 20_000) {
  const fit = Math.floor((limit - 1_000) / 2 / 500) * 500;
  return [1_000, Math.max(1_000, Math.min(10_000, fit))];
}
