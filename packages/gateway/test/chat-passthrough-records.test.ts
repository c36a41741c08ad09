// What a passed-through chat call leaves behind, on SQLite and the real PostgreSQL: spend rows
// with the operation's call_type in a column of their own (migration 5) and the reply's id
// read from the bytes (JSON head, first stream chunk), both reported by /spend/logs; and the
// request metrics labelled with the operation's name.

import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createStore, type KyselyStore } from '../src/store/index.js';
import { MASTER_KEY, startLimitsGateway, type LimitsGateway } from './helpers/limits-gateway.js';
import { readMetric } from './helpers/read-metric.js';
import { BACKEND_NAMES, openBackend, type Backend } from './helpers/store-backends.js';
import { serviceGate } from './helpers/service-gate.js';
import { flushSpendRows } from './helpers/flush-spend-rows.js';

interface Row {
  request_id: string;
  response_id: string | null;
  call_type: string | null;
  metadata: Record<string, unknown>;
}

async function getText(url: string, path: string): Promise<string> {
  const response = await fetch(`${url}${path}`, { headers: { authorization: `Bearer ${MASTER_KEY}` } });
  assert.equal(response.status, 200, path);
  return response.text();
}

for (const name of BACKEND_NAMES) {
  describe(`passed-through chat calls in spend rows and metrics (${name})`, () => {
    const backendGate = serviceGate(`${name} passthrough record tests`, () => openBackend(name));
    let backend: Backend | undefined;
    let store: KyselyStore;
    let gateway: LimitsGateway;
    /** Gateway request id → the reply's own id, as the client saw them. */
    const calls = new Map<string, string>();

    before(async () => {
      backend = await backendGate.open();
      if (backend === undefined) return;
      store = createStore(backend.options);
      await store.migrate();
      gateway = await startLimitsGateway({ store, spendWriter: { flushIntervalMs: 20 } });
      const { data, response } = await gateway.client.chat.completions.create({ model: 'gpt-test', messages: [{ role: 'user', content: 'hi' }] }).withResponse();
      calls.set(String(response.headers.get('x-request-id')), data.id);
      const streamed = await gateway.client.chat.completions.create({ model: 'gpt-test', messages: [{ role: 'user', content: 'hi' }], stream: true }).withResponse();
      let streamId = '';
      for await (const chunk of streamed.data) streamId = chunk.id;
      calls.set(String(streamed.response.headers.get('x-request-id')), streamId);
      await flushSpendRows(gateway.gateway);
    });
    after(async () => {
      if (backend === undefined) return;
      await gateway.close();
      await store.close();
      await backend.cleanup();
    });

    it('reports call_type as a column and the reply id read from the passed-through bytes', async (t) => {
      if (backendGate.skipped(t)) return;
      assert.equal(calls.size, 2);
      for (const [requestId, replyId] of calls) {
        assert.match(replyId, /^chatcmpl-/);
        const rows = JSON.parse(await getText(gateway.url, `/spend/logs?request_id=${requestId}`)) as Row[];
        assert.equal(rows.length, 1, requestId);
        assert.equal(rows[0]?.call_type, 'acompletion');
        assert.equal(rows[0]?.metadata['call_type'], 'acompletion', 'still in the metadata, for readers of the old place');
        assert.equal(rows[0]?.response_id, replyId);
      }
      const stored = await store.listSpendLogs({});
      assert.ok(stored.length >= 2 && stored.every((row) => row.call_type === 'acompletion'));
    });

    it('labels the request metrics with the operation', async (t) => {
      if (backendGate.skipped(t)) return;
      const metrics = await getText(gateway.url, '/metrics');
      assert.equal(readMetric(metrics, 'llmux_requests_total', { operation: 'chat', status_code: '200' }), 2);
      assert.equal(readMetric(metrics, 'litellm_proxy_total_requests_metric', { operation: 'chat', requested_model: 'gpt-test' }), 2);
      assert.ok(readMetric(metrics, 'litellm_input_tokens_metric', { operation: 'chat' }) > 0);
    });
  });
}
