// Poison rows on the real PostgreSQL, through the gateway over HTTP with the openai client
// (issue 15.1): a `user` with a NUL once failed every batch forever. Now it is cleaned and
// written; a row PostgreSQL still refuses (an upstream reporting 1e20 tokens, past bigint) is
// quarantined with its error, counted and alerted, and the rest of its batch is written.
// Figures held: 0 rows lost, 0 stuck, totals equal to the rows.

import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startFakeOpenAIUpstream, type FakeServer } from '@llmux/fake-upstreams';
import OpenAI from 'openai';
import { createGateway, parseConfig, type Gateway } from '../src/index.js';
import { createStore, type KyselyStore } from '../src/store/index.js';
import { createCaptureLogger, type CapturedLogger } from './helpers/capture-logger.js';
import { readMetric } from './helpers/read-metric.js';
import { postgresBackend, type Backend } from './helpers/store-backends.js';
import { serviceGate } from './helpers/service-gate.js';

const MASTER_KEY = 'sk-master-poison';
const HUGE_TOKENS = 1e20;

describe('poison spend rows on PostgreSQL', () => {
  const postgres = serviceGate('PostgreSQL poison-row tests', postgresBackend);
  let backend: Backend | undefined;
  let store: KyselyStore;
  let upstream: FakeServer;
  let gateway: Gateway;
  let logs: CapturedLogger;
  let client: OpenAI;
  let url: string;
  const home = mkdtempSync(join(tmpdir(), 'llmux-poison-'));

  before(async () => {
    backend = await postgres.open();
    if (backend === undefined) return;
    store = createStore(backend.options);
    await store.migrate();
    upstream = await startFakeOpenAIUpstream({
      reply: (request) => {
        const huge = JSON.stringify(request.json).includes('report-huge-usage');
        return { content: 'ok', usage: huge ? { promptTokens: HUGE_TOKENS, completionTokens: 1 } : { promptTokens: 10, completionTokens: 5 } };
      },
    });
    const document = {
      model_list: [
        {
          model_name: 'gpt-test',
          litellm_params: { model: 'openai/gpt-4o-mini', api_base: `${upstream.url}/v1`, api_key: 'sk-up', input_cost_per_token: 1e-6, output_cost_per_token: 2e-6 },
        },
      ],
      general_settings: { master_key: MASTER_KEY },
    };
    const env = { ...process.env, REDIS_URL: '', LLMUX_HOME: home };
    const { config } = parseConfig(document, 'poison test', env);
    logs = createCaptureLogger();
    gateway = createGateway({ config, logger: logs.logger, store, env, spendWriter: { flushIntervalMs: 20, maxBackoffMs: 40 } });
    url = await gateway.listen(0, '127.0.0.1');
    client = new OpenAI({ apiKey: MASTER_KEY, baseURL: `${url}/v1`, maxRetries: 0 });
  });
  after(async () => {
    if (backend === undefined) return;
    await gateway.close();
    await upstream.close();
    await store.close();
    await backend.cleanup();
    rmSync(home, { recursive: true, force: true });
  });

  const chat = (user: string, content = 'hi') => client.chat.completions.create({ model: 'gpt-test', user, messages: [{ role: 'user', content }] });

  /** Waits until the writer holds nothing (memory and spool) and has no failure pending. */
  async function drained(): Promise<void> {
    const writer = gateway.accounting.writer;
    for (let attempt = 0; attempt < 200; attempt += 1) {
      await writer?.flush();
      if (writer?.pendingRows === 0 && writer.spoolPending === false) return;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    assert.fail(`spend rows stuck: ${writer?.pendingRows} in memory, spool pending ${writer?.spoolPending}`);
  }

  it('writes a row whose user holds a NUL (cleaned), and every row around it; totals equal the rows', async (t) => {
    if (postgres.skipped(t)) return;
    const globalBefore = await store.getGlobalSpend();
    await Promise.all([chat('before-1'), chat('a\u0000b'), chat('before-2')]);
    for (let index = 0; index < 20; index += 1) await chat(`after-${index % 3}`);
    await drained();
    const rows = await store.listSpendLogs({ limit: 1000 });
    assert.equal(rows.length, 23, '0 rows lost');
    const poison = rows.filter((row) => row.end_user === 'a\uFFFDb');
    assert.equal(poison.length, 1, 'the NUL became U+FFFD');
    const sum = rows.reduce((total, row) => total + row.spend, 0);
    assert.ok(Math.abs((await store.getGlobalSpend()) - globalBefore - sum) < 1e-12, 'the global total equals the rows');
    assert.ok(Math.abs(((await store.getCustomer('a\uFFFDb'))?.spend ?? -1) - (poison[0]?.spend ?? 0)) < 1e-12, 'the customer total equals its row');
    assert.ok(!logs.lines.some((line) => line.includes('database write failed')), 'no batch failed');
  });

  it('quarantines a row PostgreSQL refuses on its own, writes the rest of its batch, counts and alerts it', async (t) => {
    if (postgres.skipped(t)) return;
    const before = (await store.listSpendLogs({ limit: 1000 })).length;
    const globalBefore = await store.getGlobalSpend();
    const writer = gateway.accounting.writer;
    // One batch: the refused row among nine good ones.
    await Promise.all(Array.from({ length: 10 }, (_, index) => chat(`batch-${index}`, index === 4 ? 'report-huge-usage' : 'hi')));
    await drained();
    const rows = await store.listSpendLogs({ limit: 1000 });
    assert.equal(rows.length - before, 9, 'the nine good rows are written');
    const quarantined = readFileSync(join(home, 'spend-quarantine.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { kind: string; error: string; item: { prompt_tokens: number; spend: number } });
    assert.equal(quarantined.length, 1);
    assert.equal(quarantined[0]?.kind, 'row');
    assert.equal(quarantined[0]?.item.prompt_tokens, HUGE_TOKENS);
    assert.match(quarantined[0]?.error ?? '', /out of range/);
    // The refused row's cost still counts: budgets must not get it for free.
    const written = rows.filter((row) => row.end_user?.startsWith('batch-')).reduce((total, row) => total + row.spend, 0);
    const expected = written + (quarantined[0]?.item.spend ?? 0);
    const globalAdded = (await store.getGlobalSpend()) - globalBefore;
    assert.ok(Math.abs(globalAdded - expected) <= 1e-9 * expected, `global total ${globalAdded} vs rows and quarantine ${expected}`);
    const metrics = await (await fetch(`${url}/metrics`, { headers: { authorization: `Bearer ${MASTER_KEY}` } })).text();
    assert.equal(readMetric(metrics, 'llmux_spend_quarantined_total', { kind: 'row' }), 1);
    assert.ok(logs.lines.some((line) => line.includes('spend row quarantined')));
    assert.equal(writer?.pendingRows, 0, '0 rows stuck');
    // Later rows flow: the writer is not stuck on the refused one.
    await chat('later');
    await drained();
    assert.equal((await store.listSpendLogs({ limit: 1000 })).length - before, 10);
  });
});
