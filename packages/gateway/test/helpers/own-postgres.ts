// A PostgreSQL server of the test's own (initdb into a temp folder, pg_ctl on a free port), for
// outage tests that stop and start the database. The machine's server on 5432 is never touched.

import { execFile, execFileSync } from 'node:child_process';
import { chownSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './free-port.js';

const run = promisify(execFile);

export interface OwnPostgres {
  /** postgres://postgres@127.0.0.1:PORT/postgres (trust auth). */
  readonly url: string;
  readonly port: number;
  /** Starts the server (waits until it accepts connections). */
  start(): Promise<void>;
  /** Stops it (fast shutdown: open connections are cut, as in an outage). */
  stop(): Promise<void>;
  restart(): Promise<void>;
  /** Stops the server and deletes its files. */
  dispose(): Promise<void>;
}

interface RunAs {
  uid?: number;
  gid?: number;
}

/** initdb refuses to run as root: run the server's tools as the `postgres` user then. */
function runAs(): RunAs {
  if (process.getuid?.() !== 0) return {};
  const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
  const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
  return { uid, gid };
}

/** A started server, or a string saying why one could not be made (the test skips with it). */
export async function startOwnPostgres(): Promise<OwnPostgres | string> {
  let user: RunAs;
  try {
    execFileSync('initdb', ['--version'], { stdio: 'ignore' });
    user = runAs();
  } catch (error) {
    return `initdb/pg_ctl not usable: ${error instanceof Error ? error.message : String(error)}`;
  }
  const root = mkdtempSync(join(tmpdir(), 'llmux-own-pg-'));
  const data = join(root, 'data');
  const socketDir = root;
  if (user.uid !== undefined && user.gid !== undefined) chownSync(root, user.uid, user.gid);
  const options = { ...user, cwd: root };
  try {
    await run('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8'], options);
  } catch (error) {
    rmSync(root, { recursive: true, force: true });
    return `initdb failed: ${error instanceof Error ? error.message : String(error)}`;
  }
  const port = await freePort();
  const serverOptions = `-p ${port} -k ${socketDir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off`;
  let running = false;
  const stopNow = (): void => {
    if (!running) return;
    try {
      execFileSync('pg_ctl', ['stop', '-D', data, '-m', 'immediate', '-w'], { ...options, stdio: 'ignore' });
    } catch {
      // Already stopped.
    }
  };
  // A test that crashes must not leave its server running.
  process.once('exit', stopNow);

  const instance: OwnPostgres = {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    async start() {
      await run('pg_ctl', ['start', '-D', data, '-w', '-t', '30', '-l', join(root, 'server.log'), '-o', serverOptions], options);
      running = true;
    },
    async stop() {
      if (!running) return;
      await run('pg_ctl', ['stop', '-D', data, '-m', 'fast', '-w', '-t', '30'], options);
      running = false;
    },
    async restart() {
      await instance.stop();
      await instance.start();
    },
    async dispose() {
      await instance.stop().catch(() => stopNow());
      running = false;
      process.removeListener('exit', stopNow);
      rmSync(root, { recursive: true, force: true });
    },
  };
  try {
    await instance.start();
  } catch (error) {
    await instance.dispose();
    return `pg_ctl start failed: ${error instanceof Error ? error.message : String(error)}`;
  }
  return instance;
}
