// Runs wrk (one thread, pinned) against a target with the chat request in the environment
// of wrk/chat.lua, and returns the JSON summary that script prints.

import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const SCRIPT = fileURLToPath(new URL('../wrk/chat.lua', import.meta.url));

/** `request` is { path, headers, body }; returns { rps, requests, errors, latencyUs }. */
export async function runWrk({ port, request, connections, durationS, core }) {
  const headerLines = Object.entries(request.headers)
    .map(([name, value]) => `${name}: ${value}`)
    .join('\n');
  const { stdout } = await run('taskset', ['-c', String(core), 'wrk', '-t1', `-c${connections}`, `-d${durationS}s`, '--timeout', '10s', '-s', SCRIPT, `http://127.0.0.1:${port}`], {
    env: { ...process.env, BENCH_PATH: request.path, BENCH_BODY: request.body, BENCH_HEADERS: headerLines },
    maxBuffer: 1 << 20,
  });
  const line = stdout.split('\n').find((text) => text.startsWith('BENCH_JSON '));
  if (line === undefined) throw new Error(`wrk printed no summary:\n${stdout}`);
  const summary = JSON.parse(line.slice('BENCH_JSON '.length));
  const errors = summary.errorsConnect + summary.errorsRead + summary.errorsWrite + summary.errorsStatus + summary.errorsTimeout;
  return {
    connections,
    rps: Math.round(summary.requests / (summary.durationUs / 1e6)),
    requests: summary.requests,
    errors,
    non2xx: summary.errorsStatus,
    latencyUs: summary.latencyUs,
  };
}
