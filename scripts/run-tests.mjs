// Runs every *.test.ts in the workspace with Node's own test runner. Sources load through
// tsx and the `llmux-source` export condition, so tests exercise src/ rather than dist/.
// Tests skip when a service they need (PostgreSQL, Redis, Chromium) is missing; under
// CI=true any skip fails the run, so a CI machine without Redis can never go green without
// testing the distributed mode. Locally the skips are listed and counted at the end.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const roots = process.argv.slice(2).length > 0 ? process.argv.slice(2) : ['packages'];

function collect(path, out) {
  if (statSync(path).isFile()) {
    if (path.endsWith('.test.ts')) out.push(path);
    return out;
  }
  for (const entry of readdirSync(path)) {
    if (entry === 'node_modules' || entry === 'dist') continue;
    collect(join(path, entry), out);
  }
  return out;
}

const files = roots.flatMap((root) => collect(root, [])).sort();
if (files.length === 0) {
  console.error('run-tests: no test files found under', roots.join(', '));
  process.exit(1);
}
const scratch = mkdtempSync(join(tmpdir(), 'llmux-run-tests-'));
const skipFile = join(scratch, 'skipped.jsonl');
const reporter = new URL('./skip-reporter.mjs', import.meta.url).href;
const result = spawnSync(
  process.execPath,
  [
    '--conditions=llmux-source',
    '--import',
    'tsx',
    '--test',
    '--test-reporter=spec',
    '--test-reporter-destination=stdout',
    `--test-reporter=${reporter}`,
    `--test-reporter-destination=${skipFile}`,
    ...files,
  ],
  { stdio: 'inherit', env: { ...process.env, LLMUX_LOG_LEVEL: process.env.LLMUX_LOG_LEVEL ?? 'silent' } },
);
let skipped = [];
try {
  skipped = readFileSync(skipFile, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line));
} catch {
  // No file: the runner wrote nothing (it failed to start); its exit status says so.
}
rmSync(scratch, { recursive: true, force: true });
for (const test of skipped) console.error(`run-tests: skipped ${test.name} (${test.file.replace(process.cwd() + '/', '')}): ${test.reason}`);
if (skipped.length > 0 && process.env.CI === 'true') {
  console.error(`run-tests: ${skipped.length} test(s) skipped under CI=true; CI refuses skips. Start the services named above (see .ci/run).`);
  process.exit(1);
}
console.error(`run-tests: ${skipped.length} skipped`);
process.exit(result.status ?? 1);
