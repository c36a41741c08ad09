// Memory under large strings while the store refuses writes (issue 15.1: the buffer was
// bounded by rows only, and 1 MB `user` strings ended in a heap OOM). The writer's buffer is
// bounded in bytes and spills to the spool past the bound; cut strings are copies, not slices
// that keep the whole input alive. Figures held: 100 calls with 1 MB of metadata each keep the
// buffer under twice its 1 MiB bound and the heap within 40 MB (without the copy: ~1 MB a call);
// 0 rows dropped, all 100 written once the store is back. A `user` (an end-user id, a key of
// the customer cache and counters) longer than 256 characters is refused at the edge with 400.

import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { KyselyStore } from '../src/store/index.js';
import { flakyStore } from './helpers/flaky-store.js';
import { chatAs, startLimitsGateway } from './helpers/limits-gateway.js';
import { openMigratedStore } from './helpers/migrated-store.js';

setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

const CALLS = 100;
const BOUND = 1024 * 1024;

describe('spend writer memory under large user strings', () => {
  let store: KyselyStore;
  let dispose: () => Promise<void>;

  before(async () => {
    ({ store, dispose } = await openMigratedStore());
  });
  after(() => dispose());

  it('stays bounded in bytes while the store is down, and loses nothing', async () => {
    const flaky = flakyStore(store);
    const gateway = await startLimitsGateway({ store: flaky, spendWriter: { flushIntervalMs: 20, maxBackoffMs: 50, maxBufferedBytes: BOUND, spoolAfterMs: 60_000 } });
    const writer = gateway.gateway.accounting.writer;
    flaky.down = true;
    collectGarbage();
    const heapBefore = process.memoryUsage().heapUsed;
    let largestBuffer = 0;
    for (let index = 0; index < CALLS; index += 1) {
      const status = (await chatAs(gateway.client, 'same-user', { metadata: { note: 'm'.repeat(1024 * 1024) } })).status;
      assert.equal(status, 200);
      largestBuffer = Math.max(largestBuffer, writer?.bufferedBytes ?? 0);
      // The fake upstream records each request (2 MB here); the test measures the gateway.
      gateway.upstream.requests.length = 0;
    }
    collectGarbage();
    const heapGrowth = process.memoryUsage().heapUsed - heapBefore;
    assert.ok(largestBuffer <= 2 * BOUND, `buffer peaked at ${largestBuffer} bytes`);
    assert.ok(heapGrowth < 40 * 1024 * 1024, `heap grew ${(heapGrowth / 1048576).toFixed(1)} MB for ${CALLS} MB of metadata`);
    assert.equal(writer?.dropped, 0);
    assert.equal(writer?.spoolPending, true, 'past the bound, rows went to the spool');

    flaky.down = false;
    await gateway.close();
    const rows = await store.listSpendLogs({ limit: 1000 });
    assert.equal(rows.length, CALLS);
    assert.ok(rows.every((row) => row.end_user === 'same-user'));
    assert.ok(
      rows.every((row) => JSON.stringify(row.metadata).length < 70 * 1024),
      'metadata bounded in each row',
    );
  });

  it('refuses a `user` longer than an id (256 characters) with 400, before any upstream call', async () => {
    const gateway = await startLimitsGateway({ store });
    try {
      const reply = await chatAs(gateway.client, 'u'.repeat(1024 * 1024));
      assert.equal(reply.status, 400);
      assert.equal(gateway.upstream.requests.length, 0);
      assert.equal((await chatAs(gateway.client, 'u'.repeat(256))).status, 200);
    } finally {
      await gateway.close();
    }
  });
});
