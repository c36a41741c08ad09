// The SQLite spend worker's thread: its own connection to the gateway's database file
// (WAL lets the gateway thread read while this one writes), running the spend writer's
// batches so SQLite's ~10 µs a row never runs on the event loop that serves requests.

import { parentPort, workerData } from 'node:worker_threads';
import { createStore } from '../store/create-store.js';
import { applySpendRequest, type SpendWorkerData, type SpendWorkerReply, type SpendWorkerRequest } from './spend-worker-protocol.js';

const port = parentPort;
if (port === null) throw new Error('the spend worker must run as a worker thread');
const { home } = workerData as SpendWorkerData;
const store = createStore({ home });

port.on('message', (request: SpendWorkerRequest) => {
  applySpendRequest(store, request).then(
    () => port.postMessage({ id: request.id } satisfies SpendWorkerReply),
    (error: unknown) => port.postMessage({ id: request.id, error: error instanceof Error ? error.message : String(error) } satisfies SpendWorkerReply),
  );
});

port.once('close', () => void store.close());
