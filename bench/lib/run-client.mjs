// Runs one of bench/clients/*.mjs as its own process, pinned to the rig's core, and returns
// the JSON it prints. The load generator never shares a process with the runner.

import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);

export async function runClient(name, spec, core) {
  const script = fileURLToPath(new URL(`../clients/${name}.mjs`, import.meta.url));
  const { stdout } = await run('taskset', ['-c', String(core), process.execPath, script, JSON.stringify(spec)], { maxBuffer: 1 << 20 });
  return JSON.parse(stdout.trim().split('\n').pop());
}
