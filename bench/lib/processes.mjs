// Starting, pinning, watching and stopping the processes a benchmark runs. Every process is
// started through `taskset`, which execs the command, so the pid we hold is the process
// itself (its /proc/<pid>/status is the one we read RSS from).

import { execFileSync, spawn } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import net from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

/** Starts `command` pinned to `core`; its output goes to `logFile` (or nowhere). */
export function startPinned({ name, core, command, args = [], env = {}, cwd, logFile }) {
  const output = logFile === undefined ? 'ignore' : openSync(logFile, 'a');
  const child = spawn('taskset', ['-c', String(core), command, ...args], {
    cwd,
    env: { ...process.env, ...env },
    stdio: ['ignore', output, output],
  });
  if (typeof output === 'number') closeSync(output);
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  return { name, child, pid: child.pid, exited, logFile };
}

/** Re-pins every thread of a running process (node's GC and libuv threads included). */
export function pin(pid, core) {
  execFileSync('taskset', ['-a', '-p', '-c', String(core), String(pid)], { stdio: 'ignore' });
}

/** Pins this process (the runner) so it stays off the core under test. */
export function pinSelf(core) {
  pin(process.pid, core);
}

/** Resolves once something accepts TCP connections on the port; fails if the process dies. */
export async function waitForPort(port, proc, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  let died = false;
  proc.exited.then(() => (died = true));
  while (Date.now() < deadline) {
    if (died) throw new Error(`${proc.name} exited before listening (see ${proc.logFile ?? 'its output'})`);
    if (await canConnect(port)) return;
    await sleep(50);
  }
  throw new Error(`${proc.name} did not listen on ${port} within ${timeoutMs} ms`);
}

function canConnect(port) {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** SIGTERM, then SIGKILL if the process has not gone within the grace period. */
export async function stopProcess(proc, graceMs = 5_000) {
  if (proc.child.exitCode !== null || proc.child.signalCode !== null) return;
  proc.child.kill('SIGTERM');
  const timer = setTimeout(() => proc.child.kill('SIGKILL'), graceMs);
  await proc.exited;
  clearTimeout(timer);
}
