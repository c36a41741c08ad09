// Spend across a PostgreSQL outage, a stop while it is down and a restart (issue 15.1 and 15.5's
// "SIGTERM while PostgreSQL is down loses every buffered row"), on a PostgreSQL of the test's own
// (own-postgres.ts; the machine's server is never touched). Figures held: rows spill to the spool
// while the store is down, close() spools the rest, a new gateway on the same LLMUX_HOME replays
// it before serving: 0 rows lost, global total equal to the rows, nothing added twice.

import * as assert from 'node:assert/strict';
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startFakeOpenAIUpstream, type FakeServer } from '@llmux/fake-upstreams';
import OpenAI from 'openai';
import { createGateway, parseConfig, type Gateway } from '../src/index.js';
import { createStore } from '../src/store/index.js';
import { createCaptureLogger, type CapturedLogger } from './helpers/capture-logger.js';
import { startOwnPostgres, type OwnPostgres } from './helpers/own-postgres.js';
import { serviceGate } from './helpers/service-gate.js';
import { flushSpendRows } from './helpers/flush-spend-rows.js';

const MASTER_KEY = 'sk-master-outage';

describe('spend across a PostgreSQL outage, a stop while down, and a restart', () => {
  const ownPostgres = serviceGate('spend outage test', startOwnPostgres);
  let postgres: OwnPostgres | undefined;
  let upstream: FakeServer;
  const home = mkdtempSync(join(tmpdir(), 'llmux-spend-outage-'));

  before(async () => {
    postgres = await ownPostgres.open();
    if (postgres === undefined) return;
    upstream = await startFakeOpenAIUpstream({ reply: () => ({ content: 'ok', usage: { promptTokens: 10, completionTokens: 5 } }) });
  });
  after(async () => {
    await postgres?.dispose();
    await upstream?.close();
    rmSync(home, { recursive: true, force: true });
  });

  async function startGateway(): Promise<{ gateway: Gateway; client: OpenAI; logs: CapturedLogger }> {
    const document = {
      model_list: [
        {
          model_name: 'gpt-test',
          litellm_params: { model: 'openai/gpt-4o-mini', api_base: `${upstream.url}/v1`, api_key: 'sk-up', input_cost_per_token: 1e-6, output_cost_per_token: 2e-6 },
        },
      ],
      general_settings: { master_key: MASTER_KEY, database_url: postgres?.url },
    };
    const env = { ...process.env, REDIS_URL: '', DATABASE_URL: '', LLMUX_HOME: home };
    const { config } = parseConfig(document, 'outage test', env);
    const logs = createCaptureLogger();
    const gateway = createGateway({ config, logger: logs.logger, env, closeGraceMs: 200, spendWriter: { flushIntervalMs: 20, maxBackoffMs: 100, spoolAfterMs: 300 } });
    const url = await gateway.listen(0, '127.0.0.1');
    return { gateway, logs, client: new OpenAI({ apiKey: MASTER_KEY, baseURL: `${url}/v1`, maxRetries: 0 }) };
  }

  const calls = async (client: OpenAI, count: number): Promise<void> => {
    for (let index = 0; index < count; index += 1) {
      const reply = await client.chat.completions.create({ model: 'gpt-test', messages: [{ role: 'user', content: `call ${index}` }] });
      assert.equal(reply.choices[0]?.message.content, 'ok');
    }
  };

  const spoolFiles = (): string[] => {
    const root = join(home, 'spend-spool');
    if (!existsSync(root)) return [];
    return readdirSync(root).flatMap((folder) => readdirSync(join(root, folder)).filter((name) => name.endsWith('.jsonl')));
  };

  async function readStore(): Promise<{ rows: number; sum: number; global: number }> {
    const store = createStore({ databaseUrl: postgres?.url ?? '' });
    try {
      const rows = await store.listSpendLogs({ limit: 10_000 });
      return { rows: rows.length, sum: rows.reduce((total, row) => total + row.spend, 0), global: await store.getGlobalSpend() };
    } finally {
      await store.close();
    }
  }

  it('spools while the store is down, spools the rest on close, and a restart replays it before serving', async (t) => {
    if (ownPostgres.skipped(t) || postgres === undefined) return;
    const first = await startGateway();
    await calls(first.client, 10);
    const writer = first.gateway.accounting.writer;
    await flushSpendRows(first.gateway);

    await postgres.stop();
    await calls(first.client, 30);
    const deadline = Date.now() + 10_000;
    while (writer?.spoolPending !== true && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    assert.equal(writer?.spoolPending, true, 'rows spilled to the spool while the store was down');
    assert.ok(spoolFiles().length > 0);
    await calls(first.client, 10);
    // SIGTERM's path: close() while the store is still down.
    await first.gateway.close();
    assert.equal(writer?.pendingRows, 0, 'close() left nothing in memory');
    assert.equal(writer?.dropped, 0);
    assert.ok(first.logs.lines.some((line) => line.includes('the next start replays them')));

    // A copy of the spool as it was, to replay it a second time below (a crash before its offset was saved).
    cpSync(join(home, 'spend-spool'), join(home, 'spool-copy'), { recursive: true });
    await postgres.start();
    const second = await startGateway();
    // listen() resolved: the spool was replayed before the first request.
    const replayed = await readStore();
    assert.equal(replayed.rows, 50, '0 rows lost across the outage, the stop and the restart');
    assert.ok(replayed.sum > 0 && Math.abs(replayed.global - replayed.sum) < 1e-12, `global total ${replayed.global} equals the rows ${replayed.sum}`);
    assert.deepEqual(spoolFiles(), [], 'the spool is emptied once replayed');
    assert.ok(second.logs.lines.some((line) => line.includes('replaying it before serving')));

    await calls(second.client, 5);
    await second.gateway.close();
    const final = await readStore();
    assert.equal(final.rows, 55);
    assert.ok(Math.abs(final.global - final.sum) < 1e-12, 'nothing added twice');

    // The same spool replayed again: rows are keyed by request id, totals by batch id.
    cpSync(join(home, 'spool-copy'), join(home, 'spend-spool'), { recursive: true });
    assert.ok(spoolFiles().length > 0);
    const third = await startGateway();
    await third.gateway.close();
    const again = await readStore();
    assert.deepEqual(spoolFiles(), []);
    assert.equal(again.rows, 55);
    assert.ok(Math.abs(again.global - final.global) < 1e-12, `a second replay added nothing (${again.global} vs ${final.global})`);
  });
});
