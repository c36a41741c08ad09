// Gets everything the benchmarks need onto the machine, saying what it installs: wrk from
// Debian (apt-get), the static upstream built with gcc, the bench-only npm packages in
// bench/node_modules (never the workspace's), and a fresh build of the project itself.

import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const BENCH = fileURLToPath(new URL('..', import.meta.url));
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const UPSTREAM_BIN = `${BENCH}build/static-upstream`;

export function ensureTools({ install, build, log }) {
  if (!hasCommand('wrk')) {
    if (!install) throw new Error('wrk is not installed (apt-get install -y wrk)');
    log('wrk is missing: installing the Debian package "wrk" with apt-get');
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
    execFileSync('apt-get', ['install', '-y', '-qq', 'wrk'], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  }
  for (const command of ['taskset', 'gcc']) {
    if (!hasCommand(command)) throw new Error(`${command} is required (Debian: util-linux, gcc)`);
  }

  const source = `${BENCH}upstream/static-upstream.c`;
  if (!existsSync(UPSTREAM_BIN) || statSync(UPSTREAM_BIN).mtimeMs < statSync(source).mtimeMs) {
    log('building the static upstream (gcc -O2)');
    mkdirSync(`${BENCH}build`, { recursive: true });
    execFileSync('gcc', ['-O2', '-Wall', '-o', UPSTREAM_BIN, source], { stdio: 'inherit' });
  }

  if (!existsSync(`${BENCH}node_modules/@portkey-ai/gateway`) || !existsSync(`${BENCH}node_modules/undici`)) {
    if (!install) throw new Error('bench dependencies are missing (npm ci --prefix bench)');
    log('installing bench-only dependencies into bench/node_modules (npm ci --prefix bench)');
    execFileSync('npm', ['ci', '--prefix', BENCH, '--no-audit', '--no-fund'], { stdio: 'inherit' });
  }

  if (build) {
    log('building the project (npm run build)');
    execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  }
  if (!existsSync(`${ROOT}packages/gateway/dist/cli.js`)) throw new Error('packages/gateway/dist is missing: run npm run build');
}

function hasCommand(name) {
  try {
    execFileSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
