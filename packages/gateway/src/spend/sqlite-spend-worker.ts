// A SpendSink that hands the spend writer's batches to a worker thread with its own SQLite
// connection. better-sqlite3 is synchronous: on the gateway's thread a 100-row batch held
// the event loop for 1-3 ms, which every request arriving meanwhile paid (the benchmark's
// p99 at one connection). PostgreSQL needs none of this: its driver is asynchronous.

import { Worker } from 'node:worker_threads';
import type { SpendSink } from './spend-log-writer.js';
import { errorOfReply, type SpendSinkMethod, type SpendWorkerData, type SpendWorkerReply, type SpendWorkerRequest } from './spend-worker-protocol.js';

export interface SqliteSpendWorker extends SpendSink {
  ping(): Promise<void>;
  close(): Promise<void>;
}

const RUNNING_SOURCES = import.meta.url.endsWith('.ts');

/**
 * The worker. Built, it is the compiled thread module. Tests run the TypeScript sources
 * through tsx, whose loader a worker thread does not inherit in Node 20, so there the
 * worker first registers tsx and then imports the .ts module.
 */
function spawnWorker(data: SpendWorkerData): Worker {
  if (!RUNNING_SOURCES) return new Worker(new URL('./sqlite-spend-worker-thread.js', import.meta.url), { workerData: data });
  const thread = new URL('./sqlite-spend-worker-thread.ts', import.meta.url).href;
  const source = `import('tsx/esm/api').then((tsx) => tsx.register()).then(() => import(${JSON.stringify(thread)}))`;
  return new Worker(source, { eval: true, workerData: data });
}

export function startSqliteSpendWorker(home: string): SqliteSpendWorker {
  const worker = spawnWorker({ home });
  // The writer's close() flushes and then closes the worker; an idle worker never holds the process.
  worker.unref();
  const pending = new Map<number, { resolve: () => void; reject: (error: Error) => void }>();
  let nextId = 1;
  let failure: Error | undefined;

  worker.on('message', (reply: SpendWorkerReply) => {
    const waiter = pending.get(reply.id);
    if (waiter === undefined) return;
    pending.delete(reply.id);
    if (reply.error === undefined) waiter.resolve();
    else waiter.reject(errorOfReply(reply));
  });
  // A dead worker fails every call: the writer keeps the rows and reports the failure.
  const fail = (error: Error): void => {
    failure = error;
    for (const waiter of pending.values()) waiter.reject(error);
    pending.clear();
  };
  worker.on('error', fail);
  worker.on('exit', (code) => fail(new Error(`the SQLite spend worker stopped (exit code ${code})`)));

  const call = (method: SpendSinkMethod, args: unknown[]): Promise<void> => {
    if (failure !== undefined) return Promise.reject(failure);
    const id = nextId++;
    return new Promise<void>((resolve, reject) => {
      pending.set(id, { resolve, reject });
      worker.postMessage({ id, method, args } satisfies SpendWorkerRequest);
    });
  };

  return {
    insertSpendLogs: (rows) => call('insertSpendLogs', [rows]),
    incrementSpend: (increments, batchId) => call('incrementSpend', [increments, batchId]),
    ping: () => call('ping', []),
    resetSpend: (entity, id, nextResetAt, model) => call('resetSpend', [entity, id, nextResetAt, model]),
    close: async () => {
      await worker.terminate();
    },
  };
}
