// `--num_workers N`: the primary forks N workers with node:cluster; each runs the whole
// gateway and they share the listening port (the primary hands out connections). The
// first worker is started alone, so the store's migration runs once before the others
// open the database. A worker that dies is replaced (at most once a second); on SIGINT or
// SIGTERM the primary asks every worker to drain and close, waits for them and exits 0 (1 if
// one failed); a second signal exits at once, and the workers follow (their IPC closes).
// SIGHUP makes every worker re-read the config file.

import cluster, { type Worker } from 'node:cluster';
import type { Logger } from 'pino';
import { watchNpmParent } from '../cli/watch-npm-parent.js';
import { RELOAD_MESSAGE, SHUTDOWN_MESSAGE } from './cluster-messages.js';

export interface WorkersOptions {
  count: number;
  logger: Logger;
  /** Whether limits are shared (Redis); otherwise each worker counts on its own. */
  sharedCounters: boolean;
}

export function isClusterWorker(): boolean {
  return !cluster.isPrimary;
}

export async function runWorkers({ count, logger, sharedCounters }: WorkersOptions): Promise<void> {
  if (!sharedCounters) {
    logger.warn(
      `--num_workers ${count} without Redis: rate limits and budgets are counted per worker, so each worker allows the full limit. Set REDIS_URL (or general_settings.redis_url) to share them.`,
    );
  }
  let stopping = false;
  let failed = false;
  let lastRestart = 0;
  const listening = new Set<Worker>();
  // Installed before the first fork: a signal during startup still stops the workers cleanly.
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) process.exit(1);
    stopping = true;
    logger.info({ signal }, 'stopping llmux workers');
    // Workers still starting are told when they listen (before that they cannot drain).
    for (const worker of listening) if (worker.isConnected()) worker.send(SHUTDOWN_MESSAGE);
    const waitForAll = setInterval(() => {
      if (Object.keys(cluster.workers ?? {}).length === 0) {
        clearInterval(waitForAll);
        process.exit(failed ? 1 : 0);
      }
    }, 50);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  watchNpmParent(() => {
    if (!stopping) stop('SIGTERM');
  });
  // SIGHUP: every worker re-reads the config; a reload one worker was asked for reaches the rest.
  const reloadAll = (except?: Worker): void => {
    for (const worker of listening) if (worker !== except && worker.isConnected()) worker.send(RELOAD_MESSAGE);
  };
  process.on('SIGHUP', () => reloadAll());
  cluster.on('message', (worker, message: unknown) => {
    if (message === RELOAD_MESSAGE) reloadAll(worker);
  });
  const fork = (): Promise<Worker> =>
    new Promise((resolve, reject) => {
      const worker = cluster.fork();
      worker.once('listening', () => {
        listening.add(worker);
        if (stopping && worker.isConnected()) worker.send(SHUTDOWN_MESSAGE);
        resolve(worker);
      });
      worker.once('exit', () => listening.delete(worker));
      worker.once('exit', (code) => reject(new Error(`worker ${worker.process.pid} exited with code ${code} before listening`)));
    });

  await fork();
  for (let index = 1; index < count && !stopping; index += 1) await fork();
  logger.info({ workers: count }, 'llmux workers started');

  cluster.on('exit', (worker, code, signal) => {
    if (stopping) {
      if (code !== 0) failed = true;
      return;
    }
    logger.error({ pid: worker.process.pid, code, signal }, 'llmux worker died; starting a replacement');
    const wait = Math.max(0, lastRestart + 1_000 - Date.now());
    lastRestart = Date.now() + wait;
    setTimeout(() => fork().catch((error: unknown) => logger.error({ err: error }, 'replacement worker failed to start')), wait);
  });
}
