// Memory under large `user` strings while the store refuses writes (issue 15.1: the buffer was
// bounded by rows only, and 1 MB users ended in a heap OOM). The writer's buffer is bounded in
// bytes and spills to the spool past the bound; cut strings are copies, not slices that keep the
// whole input alive. Figures held: 100 calls with a 1 MB `user` and 256 KB of metadata keep the
// buffer under twice its 1 MiB bound and the heap within 40 MB (without the copy: ~1 MB a call);
// 0 rows dropped, all 100 written once the store is back.
//
// Every call sends the same 1 MB user text: each request parses its own copy, so a row that kept
// its input would still cost 1 MB a call, while the customer cache (limits/customer-cache.ts,
// keyed by the whole `user`) holds one entry. With 200 distinct users that cache holds 200 MB:
// outside the spend writer, reported in docs/reliability.md.

import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { createStore, type KyselyStore } from '../src/store/index.js';
import { flakyStore } from './helpers/flaky-store.js';
import { chatAs, startLimitsGateway } from './helpers/limits-gateway.js';
import { sqliteBackend, type Backend } from './helpers/store-backends.js';

setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

const CALLS = 100;
const BOUND = 1024 * 1024;

describe('spend writer memory under large user strings', () => {
  let backend: Backend;
  let store: KyselyStore;

  before(async () => {
    backend = sqliteBackend();
    store = createStore(backend.options);
    await store.migrate();
  });
  after(async () => {
    await store.close();
    await backend.cleanup();
  });

  it('stays bounded in bytes while the store is down, and loses nothing', async () => {
    const flaky = flakyStore(store);
    const gateway = await startLimitsGateway({ store: flaky, spendWriter: { flushIntervalMs: 20, maxBackoffMs: 50, maxBufferedBytes: BOUND, spoolAfterMs: 60_000 } });
    const writer = gateway.gateway.accounting.writer;
    flaky.down = true;
    collectGarbage();
    const heapBefore = process.memoryUsage().heapUsed;
    let largestBuffer = 0;
    for (let index = 0; index < CALLS; index += 1) {
      const user = 'same-user-'.padEnd(1024 * 1024, 'u');
      const status = (await chatAs(gateway.client, user, { metadata: { note: 'm'.repeat(256 * 1024) } })).status;
      assert.equal(status, 200);
      largestBuffer = Math.max(largestBuffer, writer?.bufferedBytes ?? 0);
      // The fake upstream records each request (2 MB here); the test measures the gateway.
      gateway.upstream.requests.length = 0;
    }
    collectGarbage();
    const heapGrowth = process.memoryUsage().heapUsed - heapBefore;
    assert.ok(largestBuffer <= 2 * BOUND, `buffer peaked at ${largestBuffer} bytes`);
    assert.ok(heapGrowth < 40 * 1024 * 1024, `heap grew ${(heapGrowth / 1048576).toFixed(1)} MB for ${CALLS} MB of users`);
    assert.equal(writer?.dropped, 0);
    assert.equal(writer?.spoolPending, true, 'past the bound, rows went to the spool');

    flaky.down = false;
    await gateway.close();
    const rows = await store.listSpendLogs({ limit: 1000 });
    assert.equal(rows.length, CALLS);
    assert.ok(rows.every((row) => (row.end_user?.length ?? 0) < 600 && (row.end_user ?? '').includes('[truncated')), 'users cut at 512 chars and marked');
  });
});
