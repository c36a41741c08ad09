// Spend rows have the gateway's own ids (issue 15.3): 150 calls from two keys sending one
// x-request-id make 150 rows, each key's total equals the sum of its rows, and the client's id
// finds them all. /spend/logs pages (issue 15.8) and says when a limit cut the plain array.
// SQLite and the real PostgreSQL, through the gateway over HTTP with the openai client.

import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { clientWithKey, MASTER_KEY, startLimitsGateway, type LimitsGateway } from './helpers/limits-gateway.js';
import { openMigratedStore, type MigratedStore } from './helpers/migrated-store.js';
import { BACKEND_NAMES, openBackend } from './helpers/store-backends.js';
import { serviceGate } from './helpers/service-gate.js';
import { flushSpendRows } from './helpers/flush-spend-rows.js';

const CALLS = 150;
const SHARED_ID = 'client-trace-0001';

interface Row {
  request_id: string;
  client_request_id: string | null;
  api_key: string;
  spend: number;
}

async function getJson(url: string, path: string): Promise<{ status: number; headers: Headers; body: unknown }> {
  const response = await fetch(`${url}${path}`, { headers: { authorization: `Bearer ${MASTER_KEY}` } });
  return { status: response.status, headers: response.headers, body: await response.json() };
}

for (const name of BACKEND_NAMES) {
  describe(`spend row identity and /spend/logs pages (${name})`, () => {
    const backendGate = serviceGate(`${name} spend identity tests`, () => openBackend(name));
    let migrated: MigratedStore | undefined;
    let gateway: LimitsGateway;
    const replyIds: string[] = [];
    const tokens: string[] = [];

    before(async () => {
      const backend = await backendGate.open();
      if (backend === undefined) return;
      migrated = await openMigratedStore(backend);
      gateway = await startLimitsGateway({ store: migrated.store, spendWriter: { flushIntervalMs: 20 } });
      const keys = [await clientWithKey(gateway.url, {}), await clientWithKey(gateway.url, {})];
      tokens.push(...keys.map((key) => key.token));
      // 10 at a time, alternating keys, every call with the same client id.
      for (let start = 0; start < CALLS; start += 10) {
        const batch = Array.from({ length: Math.min(10, CALLS - start) }, async (_, offset) => {
          const { client } = keys[(start + offset) % 2] as (typeof keys)[number];
          const { response } = await client.chat.completions
            .create({ model: 'gpt-test', messages: [{ role: 'user', content: 'hi' }] }, { headers: { 'x-request-id': SHARED_ID } })
            .withResponse();
          replyIds.push(String(response.headers.get('x-request-id')));
        });
        await Promise.all(batch);
      }
      await flushSpendRows(gateway.gateway);
    });
    after(async () => {
      if (migrated === undefined) return;
      await gateway.close();
      await migrated.dispose();
    });

    it('makes 150 rows from 150 calls sharing one x-request-id, each key total equal to its rows', async (t) => {
      if (backendGate.skipped(t)) return;
      assert.equal(new Set(replyIds).size, CALLS, 'every reply carries an id of its own');
      assert.ok(!replyIds.includes(SHARED_ID));
      const page = (await getJson(gateway.url, `/spend/logs?request_id=${SHARED_ID}&page_size=1000`)).body as { data: Row[]; total: number };
      assert.equal(page.total, CALLS);
      assert.equal(page.data.length, CALLS);
      assert.deepEqual(new Set(page.data.map((row) => row.request_id)), new Set(replyIds), 'the rows are keyed by the ids the replies carried');
      assert.ok(page.data.every((row) => row.client_request_id === SHARED_ID));
      for (const token of tokens) {
        const rows = page.data.filter((row) => row.api_key === token);
        assert.equal(rows.length, CALLS / 2);
        const info = (await getJson(gateway.url, `/key/info?key=${token}`)).body as { info: { spend: number } };
        const sum = rows.reduce((total, row) => total + row.spend, 0);
        assert.ok(sum > 0 && Math.abs(info.info.spend - sum) < 1e-9, `key total ${info.info.spend} vs its rows ${sum}`);
      }
      // The gateway's own id finds exactly its row.
      const one = (await getJson(gateway.url, `/spend/logs?request_id=${replyIds[7]}`)).body as Row[];
      assert.deepEqual(
        one.map((row) => row.request_id),
        [replyIds[7]],
      );
    });

    it('pages /spend/logs as LiteLLM UI does, and marks a plain array a limit cut', async (t) => {
      if (backendGate.skipped(t)) return;
      const seen = new Set<string>();
      for (let page = 1; page <= 4; page += 1) {
        const reply = (await getJson(gateway.url, `/spend/logs?request_id=${SHARED_ID}&page=${page}&page_size=40`)).body as {
          data: Row[];
          total: number;
          page: number;
          page_size: number;
          total_pages: number;
        };
        assert.deepEqual([reply.total, reply.page, reply.page_size, reply.total_pages], [CALLS, page, 40, 4]);
        assert.equal(reply.data.length, page < 4 ? 40 : 30);
        for (const row of reply.data) seen.add(row.request_id);
      }
      assert.equal(seen.size, CALLS, 'pages neither overlap nor skip');
      const ui = (await getJson(gateway.url, `/spend/logs/ui?request_id=${SHARED_ID}`)).body as { data: Row[]; page_size: number; total: number };
      assert.deepEqual([ui.data.length, ui.page_size, ui.total], [50, 50, CALLS]);

      const cut = await getJson(gateway.url, `/spend/logs?request_id=${SHARED_ID}&limit=100`);
      assert.ok(Array.isArray(cut.body));
      assert.equal((cut.body as Row[]).length, 100);
      assert.equal(cut.headers.get('x-llmux-truncated'), 'true');
      const whole = await getJson(gateway.url, `/spend/logs?request_id=${SHARED_ID}`);
      assert.equal((whole.body as Row[]).length, CALLS);
      assert.equal(whole.headers.get('x-llmux-truncated'), null);

      for (const query of ['limit=-5', 'limit=1.5', 'limit=0', 'page=1e21', 'page=0', 'page_size=abc', 'page_size=5000']) {
        const refused = await getJson(gateway.url, `/spend/logs?${query}`);
        assert.equal(refused.status, 400, query);
        assert.equal((refused.body as { error: { code: string } }).error.code, 'invalid_value', query);
      }
    });
  });
}
