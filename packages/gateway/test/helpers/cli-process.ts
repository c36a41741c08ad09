// The built `llmux` command (bin/llmux.js over dist/) as a child process, for tests of what
// a user sees: exit codes, messages, and the URL it prints once it listens.

import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../../bin/llmux.js', import.meta.url));
const HOME = mkdtempSync(join(tmpdir(), 'llmux-cli-process-'));
process.on('exit', () => rmSync(HOME, { recursive: true, force: true }));

export interface CliProcess {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  /** Resolves with the exit code (null when killed by a signal). */
  exited: Promise<number | null>;
}

/** Provider key variables are removed, so no test depends on the machine's environment. */
export function startCli(args: string[], env: NodeJS.ProcessEnv = {}): CliProcess {
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/(_API_KEY|MASTER_KEY|DATABASE_URL|REDIS_URL)$/.test(name)));
  const child = spawn(process.execPath, [BIN, ...args], {
    env: { ...inherited, LLMUX_LOG_LEVEL: 'silent', LLMUX_HOME: HOME, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, stdout: () => stdout, stderr: () => stderr, exited };
}

/** Runs the command to its end; fails the test if it does not exit within `timeoutMs`. */
export async function runCli(args: string[], env: NodeJS.ProcessEnv = {}, timeoutMs = 15_000): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const cli = startCli(args, env);
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      cli.child.kill('SIGKILL');
      reject(new Error(`llmux ${args.join(' ')} did not exit within ${timeoutMs} ms:\n${cli.stderr()}`));
    }, timeoutMs);
  });
  try {
    const code = await Promise.race([cli.exited, timeout]);
    return { code, stdout: cli.stdout(), stderr: cli.stderr() };
  } finally {
    clearTimeout(timer);
  }
}

export async function waitForUrl(cli: CliProcess, timeoutMs = 20_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const match = /listening on (http:\/\/\S+)/.exec(cli.stdout());
    if (match?.[1] !== undefined) return match[1];
    if (cli.child.exitCode !== null) throw new Error(`llmux exited early (${cli.child.exitCode}): ${cli.stderr()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`llmux did not print its URL: ${cli.stderr()}`);
}

export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
