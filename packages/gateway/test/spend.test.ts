// Spend through the gateway: one spend-log row per call (failures too, at cost 0) with the
// deployment, tokens and cost; totals that equal the sum of the rows; and no row lost
// while the database is down (a store whose writes fail for a while on SQLite, and the
// real PostgreSQL with the writer's connections terminated mid-run).

import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { createStore, type KyselyStore } from '../src/store/index.js';
import type { SpendLogRow } from '../src/store/store.js';
import { flakyStore } from './helpers/flaky-store.js';
import { chatAs, COMPLETION_TOKENS, COST_PER_CALL, PROMPT_TOKENS, startLimitsGateway } from './helpers/limits-gateway.js';
import { openMigratedStore } from './helpers/migrated-store.js';
import { postgresBackend, type Backend } from './helpers/store-backends.js';
import { serviceGate } from './helpers/service-gate.js';

const close = (a: number, b: number): boolean => Math.abs(a - b) < 1e-9;
const sum = (rows: readonly SpendLogRow[]): number => rows.reduce((total, row) => total + row.spend, 0);

describe('spend logs and totals (SQLite)', () => {
  let store: KyselyStore;
  let dispose: () => Promise<void>;

  before(async () => {
    ({ store, dispose } = await openMigratedStore());
  });
  after(() => dispose());

  it('writes a row per call and totals equal to the rows, flushed on close', async () => {
    const { customerRecord } = await import('./helpers/limits-gateway.js');
    await store.upsertCustomer(customerRecord('payer'));
    const gateway = await startLimitsGateway({ store, spendWriter: { flushIntervalMs: 60_000 } });
    const ok = await chatAs(gateway.client, 'payer', { metadata: { tags: 'team-a,batch' } });
    assert.equal(ok.status, 200);
    for (let index = 0; index < 4; index += 1) assert.equal((await chatAs(gateway.client, 'payer')).status, 200);
    const failed = await chatAs(gateway.client, 'payer', { model: 'no-such-model' });
    assert.equal(failed.status, 404);
    await gateway.close();

    const rows = await store.listSpendLogs({});
    assert.equal(rows.length, 6);
    const first = rows.find((row) => row.request_id === ok.headers.get('x-request-id'));
    assert.ok(first !== undefined);
    assert.equal(first.model_group, 'gpt-test');
    assert.equal(first.model_id, 'deployment-1');
    assert.equal(first.custom_llm_provider, 'openai');
    assert.equal(first.end_user, 'payer');
    assert.equal(first.prompt_tokens, PROMPT_TOKENS);
    assert.equal(first.completion_tokens, COMPLETION_TOKENS);
    assert.equal(first.status, 'success');
    assert.equal(first.cache_hit, false);
    assert.deepEqual(first.request_tags, ['team-a', 'batch']);
    assert.equal(first.messages, null, 'no prompts unless store_prompts_in_spend_logs');
    assert.ok(close(first.spend, COST_PER_CALL));
    const failure = rows.find((row) => row.status === 'failure');
    assert.equal(failure?.spend, 0);
    assert.equal(failure?.model_group, 'no-such-model');

    assert.ok(close(sum(rows), 5 * COST_PER_CALL));
    assert.ok(close((await store.getCustomer('payer'))?.spend ?? -1, sum(rows)));
    assert.ok(close(await store.getGlobalSpend(), sum(rows)));
  });

  it('keeps serving and loses no row while spend writes fail', async () => {
    const flaky = flakyStore(store);
    const before = (await store.listSpendLogs({})).length;
    const globalBefore = await store.getGlobalSpend();
    const gateway = await startLimitsGateway({ store: flaky, spendWriter: { flushIntervalMs: 10, maxBackoffMs: 40 } });
    flaky.down = true;
    for (let index = 0; index < 8; index += 1) assert.equal((await chatAs(gateway.client, 'outage')).status, 200);
    await new Promise((resolve) => setTimeout(resolve, 100));
    assert.ok(flaky.failedWrites > 0, 'the writer tried and failed');
    assert.equal(gateway.gateway.accounting.writer?.pendingRows, 8);
    flaky.down = false;
    for (let index = 0; index < 2; index += 1) assert.equal((await chatAs(gateway.client, 'outage')).status, 200);
    await gateway.close();
    const rows = await store.listSpendLogs({});
    assert.equal(rows.length - before, 10);
    assert.ok(close((await store.getGlobalSpend()) - globalBefore, 10 * COST_PER_CALL));
    assert.ok(gateway.logs.lines.some((line) => line.includes('database write failed')));
  });

  it('spills rows past the buffer bound to the spool, drops none, and writes them when the store returns', async () => {
    const flaky = flakyStore(store);
    const before = (await store.listSpendLogs({})).length;
    const globalBefore = await store.getGlobalSpend();
    const gateway = await startLimitsGateway({ store: flaky, spendWriter: { flushIntervalMs: 10, maxBackoffMs: 20, maxBufferedRows: 2 } });
    flaky.down = true;
    for (let index = 0; index < 4; index += 1) assert.equal((await chatAs(gateway.client, 'overflow')).status, 200);
    const writer = gateway.gateway.accounting.writer;
    await waitUntil(() => writer?.spoolPending === true);
    assert.equal(writer?.dropped, 0);
    assert.ok((writer?.pendingRows ?? 99) <= 2, 'memory holds at most the bound');
    flaky.down = false;
    await gateway.close();
    assert.equal((await store.listSpendLogs({})).length - before, 4);
    assert.ok(close((await store.getGlobalSpend()) - globalBefore, 4 * COST_PER_CALL));
  });
});

async function waitUntil(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('spend survives PostgreSQL dropping the writer connections', () => {
  const postgres = serviceGate('PostgreSQL spend test', postgresBackend);
  let backend: Backend | undefined;

  before(async () => {
    backend = await postgres.open();
  });
  after(() => backend?.cleanup());

  it('loses no spend rows when connections are terminated during a run of calls', async (t) => {
    if (postgres.skipped(t) || backend === undefined) return;
    const store = createStore(backend.options);
    await store.migrate();
    const database = new URL(backend.options.databaseUrl ?? '').pathname.slice(1);
    const admin = new pg.Client({ connectionString: backend.options.databaseUrl });
    await admin.connect();
    const gateway = await startLimitsGateway({ store, spendWriter: { flushIntervalMs: 5, maxBackoffMs: 50 } });
    const calls = 40;
    for (let index = 0; index < calls; index += 1) {
      assert.equal((await chatAs(gateway.client, 'pg-payer')).status, 200);
      // Every few calls, cut every other connection to this database (the writer's pool).
      if (index % 5 === 2) await admin.query('select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()', [database]);
    }
    await gateway.close();
    await admin.end();
    const rows = await store.listSpendLogs({ limit: 1000 });
    assert.equal(rows.length, calls);
    assert.ok(close(sum(rows), calls * COST_PER_CALL));
    assert.ok(close(await store.getGlobalSpend(), sum(rows)));
    await store.close();
  });
});
