// Runs every *.test.ts in the workspace with Node's own test runner. Sources load through
// tsx and the `llmux-source` export condition, so tests exercise src/ rather than dist/.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
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
const result = spawnSync(
  process.execPath,
  ['--conditions=llmux-source', '--import', 'tsx', '--test', '--test-reporter=spec', ...files],
  { stdio: 'inherit', env: { ...process.env, LLMUX_LOG_LEVEL: process.env.LLMUX_LOG_LEVEL ?? 'silent' } },
);
process.exit(result.status ?? 1);
