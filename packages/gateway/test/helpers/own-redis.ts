// A Redis server of the test's own (redis-server on a free port, no persistence), for outage
// tests that stop and start it. The machine's Redis on 6379 is never touched.

import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { createConnection } from 'node:net';
import { freePort } from './free-port.js';

export interface OwnRedis {
  readonly url: string;
  readonly port: number;
  /** Starts the server (waits until it accepts connections). */
  start(): Promise<void>;
  /** Kills it (SIGKILL: connections drop at once, as in a crash). */
  stop(): Promise<void>;
  /** SIGSTOP / SIGCONT: connections stay open but nothing answers (a hung server). */
  freeze(): void;
  thaw(): void;
  dispose(): Promise<void>;
}

/** Resolves once a PING on `port` gets PONG; rejects after `timeoutMs`. */
async function waitForPong(port: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const answered = await new Promise<boolean>((resolve) => {
      const socket = createConnection({ port, host: '127.0.0.1' });
      socket.once('error', () => resolve(false));
      socket.once('connect', () => socket.write('PING\r\n'));
      socket.once('data', (data) => {
        socket.destroy();
        resolve(data.toString().startsWith('+PONG'));
      });
    });
    if (answered) return;
    if (Date.now() > deadline) throw new Error(`redis-server on port ${port} did not answer within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** A started server, or a string saying why one could not be made (the test skips with it). */
export async function startOwnRedis(): Promise<OwnRedis | string> {
  try {
    execFileSync('redis-server', ['--version'], { stdio: 'ignore' });
  } catch (error) {
    return `redis-server not usable: ${error instanceof Error ? error.message : String(error)}`;
  }
  const port = await freePort();
  let child: ChildProcess | undefined;
  const killNow = (): void => {
    child?.kill('SIGKILL');
  };
  // A test that crashes must not leave its server running.
  process.once('exit', killNow);
  const instance: OwnRedis = {
    url: `redis://127.0.0.1:${port}`,
    port,
    async start() {
      const started = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
      child = started;
      await waitForPong(port, 10_000);
    },
    async stop() {
      const running = child;
      if (running === undefined || running.exitCode !== null) return;
      child = undefined;
      running.kill('SIGCONT');
      const exited = new Promise((resolve) => running.once('exit', resolve));
      running.kill('SIGKILL');
      await exited;
    },
    freeze() {
      child?.kill('SIGSTOP');
    },
    thaw() {
      child?.kill('SIGCONT');
    },
    async dispose() {
      await instance.stop();
      process.removeListener('exit', killNow);
    },
  };
  try {
    await instance.start();
  } catch (error) {
    await instance.dispose();
    return `redis-server start failed: ${error instanceof Error ? error.message : String(error)}`;
  }
  return instance;
}
