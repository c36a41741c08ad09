// The SQLite spend worker's thread: its own connection to the gateway's database file
// (WAL lets the gateway thread read while this one writes), running the spend writer's
// batches so SQLite's 13-27 µs a row never runs on the event loop that serves requests.

import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { createStore } from '../store/create-store.js';
import { applySpendRequest, failureReply, type SpendWorkerData, type SpendWorkerReply, type SpendWorkerRequest } from './spend-worker-protocol.js';

const port = parentPort;
if (port === null) throw new Error('the spend worker must run as a worker thread');
const { home } = workerData as SpendWorkerData;
const store = createStore({ home });

/**
 * Spend rows are background work: where this thread shares a core with the event loop (one
 * core, or every core busy), the scheduler should run requests first. A 200-row batch is
 * ~4 ms of SQLite; at equal priority a request arriving meanwhile waited for part of it
 * (the p99 at one connection, docs/benchmarks.md finding 10). Nice 5 still leaves the
 * thread ~25 % of a saturated core, three times what the writes of a saturated gateway need.
 * Linux only (a thread's id from /proc/thread-self, and setpriority per thread).
 */
function lowerThreadPriority(): void {
  try {
    const threadId = Number(readlinkSync('/proc/thread-self').split('/').pop());
    if (Number.isInteger(threadId)) setPriority(threadId, 5);
  } catch {
    // No /proc, or not allowed: the worker runs at the process's priority.
  }
}
lowerThreadPriority();

port.on('message', (request: SpendWorkerRequest) => {
  applySpendRequest(store, request).then(
    () => port.postMessage({ id: request.id } satisfies SpendWorkerReply),
    (error: unknown) => port.postMessage(failureReply(request.id, error)),
  );
});

port.once('close', () => void store.close());
