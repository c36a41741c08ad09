// Virtual keys end to end, on SQLite and PostgreSQL: generated once and stored hashed,
// used with the official openai client, refused when unknown, blocked, expired or deleted,
// and forgotten at once on delete, also by a second gateway through Redis.

import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startFakeOpenAIUpstream, type FakeServer } from '@llmux/fake-upstreams';
import { Redis } from 'ioredis';
import OpenAI from 'openai';
import { hashKey } from '../src/governance/hash-key.js';
import type { KyselyStore } from '../src/store/index.js';
import { managementClient, storeSettings, type ManagementClient } from './helpers/management-client.js';
import { startTestGateway, type TestGateway } from './helpers/start-test-gateway.js';
import { BACKEND_NAMES, openBackend, type Backend } from './helpers/store-backends.js';
import { serviceGate } from './helpers/service-gate.js';

const MASTER_KEY = 'sk-master-keys-test';
const REDIS_URL = process.env['LLMUX_TEST_REDIS_URL'] ?? 'redis://127.0.0.1:6379';

async function redisReachable(): Promise<string | undefined> {
  const probe = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 0, connectTimeout: 1000, retryStrategy: () => null });
  try {
    await probe.connect();
    await probe.ping();
    return undefined;
  } catch (error) {
    return `Redis not reachable at ${REDIS_URL}: ${error instanceof Error ? error.message : String(error)}`;
  } finally {
    probe.disconnect();
  }
}

const chat = (key: string, url: string) =>
  new OpenAI({ apiKey: key, baseURL: `${url}/v1`, maxRetries: 0 }).chat.completions.create({ model: 'gpt-test', messages: [{ role: 'user', content: 'hi' }] });

async function statusOf(promise: Promise<unknown>): Promise<number> {
  try {
    await promise;
    return 200;
  } catch (error) {
    if (error instanceof OpenAI.APIError) return error.status ?? 0;
    throw error;
  }
}

for (const backendName of BACKEND_NAMES) {
  describe(`virtual keys on ${backendName}`, () => {
    const backendGate = serviceGate('PostgreSQL key tests', () => openBackend(backendName));
    let backend: Backend | undefined;
    let redisSkip: string | undefined;
    let upstream: FakeServer;
    let first: TestGateway;
    let second: TestGateway;
    let admin: ManagementClient;

    before(async () => {
      backend = await backendGate.open();
      if (backend === undefined) return;
      redisSkip = await redisReachable();
      if (redisSkip !== undefined) console.warn(`\n*** SKIPPING cross-instance invalidation: ${redisSkip} ***\n`);
      upstream = await startFakeOpenAIUpstream({ apiKey: 'sk-upstream' });
      const settings = storeSettings(backend);
      const document = {
        model_list: [{ model_name: 'gpt-test', litellm_params: { model: 'openai/gpt-4o-mini', api_base: `${upstream.url}/v1`, api_key: 'sk-upstream' } }],
        general_settings: { master_key: MASTER_KEY, ...settings.general, ...(redisSkip === undefined ? { redis_url: REDIS_URL } : {}) },
      };
      first = await startTestGateway(document, settings.env);
      second = await startTestGateway(document, settings.env);
      admin = managementClient(first.url, MASTER_KEY);
    });
    after(async () => {
      await first?.close();
      await second?.close();
      await upstream?.close();
      await backend?.cleanup();
    });

    it('shows a generated key once and stores only its sha256', async (t) => {
      if (backendGate.skipped(t)) return;
      const generated = await admin.post('/key/generate', { key_alias: 'once', models: [] });
      assert.equal(generated.status, 200);
      const key = String(generated.body['key']);
      assert.match(key, /^sk-[A-Za-z0-9_-]{20,}$/);
      assert.equal(generated.body['token'], hashKey(key));
      assert.equal((await chat(key, first.url)).choices[0]?.message.content !== undefined, true);

      const db = (first.gateway.governance.store as KyselyStore).db;
      const rows = await db.selectFrom('llmux_keys').selectAll().execute();
      assert.ok(rows.some((row) => row.token === hashKey(key)));
      assert.ok(!JSON.stringify(rows).includes(key), 'the plaintext key must not be stored');

      const info = await admin.get(`/key/info?key=${encodeURIComponent(key)}`);
      assert.equal(info.status, 200);
      assert.ok(!JSON.stringify(info.body['info']).includes(key), '/key/info never shows the key again');
    });

    it('refuses unknown, blocked and expired keys with 401', async (t) => {
      if (backendGate.skipped(t)) return;
      assert.equal(await statusOf(chat('sk-not-a-key-at-all-0000000000', first.url)), 401);
      const blocked = String((await admin.post('/key/generate', {})).body['key']);
      assert.equal(await statusOf(chat(blocked, first.url)), 200);
      assert.equal((await admin.post('/key/block', { key: blocked })).status, 200);
      assert.equal(await statusOf(chat(blocked, first.url)), 401);
      assert.equal((await admin.post('/key/unblock', { key: blocked })).status, 200);
      assert.equal(await statusOf(chat(blocked, first.url)), 200);

      const expiring = String((await admin.post('/key/generate', { duration: '1s' })).body['key']);
      assert.equal(await statusOf(chat(expiring, first.url)), 200);
      await new Promise((resolve) => setTimeout(resolve, 1100));
      // Expiry is checked on every request, so even the cached identity is refused.
      assert.equal(await statusOf(chat(expiring, first.url)), 401);
    });

    it('forgets a deleted key at once, here and on the second instance', async (t) => {
      if (backendGate.skipped(t)) return;
      const key = String((await admin.post('/key/generate', {})).body['key']);
      assert.equal(await statusOf(chat(key, first.url)), 200);
      assert.equal(await statusOf(chat(key, second.url)), 200);
      const deleted = await admin.post('/key/delete', { keys: [key] });
      assert.deepEqual(deleted.body, { deleted_keys: [key] });
      assert.equal(await statusOf(chat(key, first.url)), 401);
      if (redisSkip !== undefined) return t.skip(redisSkip);
      // The second instance had the key cached; the pub/sub message clears it.
      let status = 0;
      for (let attempt = 0; attempt < 20; attempt += 1) {
        status = await statusOf(chat(key, second.url));
        if (status === 401) break;
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      assert.equal(status, 401);
    });

    it('regenerates a key: the old one stops working, the new one works', async (t) => {
      if (backendGate.skipped(t)) return;
      const old = String((await admin.post('/key/generate', { key_alias: 'rotate' })).body['key']);
      assert.equal(await statusOf(chat(old, first.url)), 200);
      const regenerated = await admin.post('/key/regenerate', { key: old });
      const fresh = String(regenerated.body['key']);
      assert.notEqual(fresh, old);
      assert.equal(regenerated.body['key_alias'], 'rotate');
      assert.equal(await statusOf(chat(old, first.url)), 401);
      assert.equal(await statusOf(chat(fresh, first.url)), 200);
    });

    it('answers the management API only to authorised callers', async (t) => {
      if (backendGate.skipped(t)) return;
      const missing = await fetch(`${first.url}/key/list`);
      assert.equal(missing.status, 401);
      const bad = await admin.post('/key/generate', { max_budget: 'lots' });
      assert.equal(bad.status, 400);
      assert.equal(bad.body.error?.type, 'invalid_request_error');
      const list = await admin.get('/key/list?return_full_object=true&size=100');
      assert.equal(list.status, 200);
      assert.ok(Number(list.body['total_count']) >= 4);
    });
  });
}
