// PostgreSQL outages longer than the key cache's TTL, on a PostgreSQL of the test's own
// (test/helpers/own-postgres.ts) that the test stops and starts. Figures held: 0 errors
// over 40 calls with a cached key while the database is down for 4× the TTL (1 s); a key
// the gateway has not cached gets 503 with retry-after (not 500); with
// key_cache_stale_seconds set, a cached key past that bound gets 503 too; once the database
// is back every key works again and readiness says so. Management calls during the outage
// get 503 with retry-after, not 500.

import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import OpenAI from 'openai';
import { chatAs, clientWithKey, MASTER_KEY, startLimitsGateway, type LimitsGateway } from './helpers/limits-gateway.js';
import { startOwnPostgres, type OwnPostgres } from './helpers/own-postgres.js';
import { readMetric } from './helpers/read-metric.js';

const postgres = await startOwnPostgres();
const TTL_SECONDS = 1;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function readiness(gateway: LimitsGateway): Promise<{ db: string }> {
  return (await (await fetch(`${gateway.url}/health/readiness`)).json()) as { db: string };
}

describe('PostgreSQL outage longer than the key cache TTL', { skip: typeof postgres === 'string' ? postgres : false }, () => {
  const own = postgres as OwnPostgres;
  let gateway: LimitsGateway;
  let bounded: LimitsGateway;
  let cached: OpenAI;
  let cachedOnBounded: OpenAI;
  let uncached: OpenAI;

  before(async () => {
    const general = { database_url: own.url, user_api_key_cache_ttl: TTL_SECONDS };
    gateway = await startLimitsGateway({ settings: { general_settings: general } });
    // The same database, but stale keys are served for at most 1 s past their TTL.
    bounded = await startLimitsGateway({ settings: { general_settings: { ...general, key_cache_stale_seconds: 1 } } });
    cached = (await clientWithKey(gateway.url, { key_alias: 'cached' })).client;
    cachedOnBounded = cached.withOptions({ baseURL: `${bounded.url}/v1` });
    uncached = (await clientWithKey(gateway.url, { key_alias: 'never-used' })).client;
    // One call each puts the key in the gateways' caches.
    assert.equal((await chatAs(cached, undefined)).status, 200);
    assert.equal((await chatAs(cachedOnBounded, undefined)).status, 200);
  });
  after(async () => {
    await own.start().catch(() => undefined);
    await gateway?.close();
    await bounded?.close();
    await own.dispose();
  });

  it('serves a cached key from the cache while the database is down, and 503s an unknown one', async () => {
    await own.stop();
    const statuses: number[] = [];
    const started = Date.now();
    // 40 calls over ~4 s (4× the TTL), 4 at a time so concurrent misses share one load.
    for (let round = 0; round < 10; round += 1) {
      const replies = await Promise.all(Array.from({ length: 4 }, () => chatAs(cached, undefined)));
      statuses.push(...replies.map((reply) => reply.status));
      await sleep(400);
    }
    assert.ok(Date.now() - started > 4 * TTL_SECONDS * 1000);
    assert.deepEqual(
      statuses.filter((status) => status !== 200),
      [],
    );
    const unknown = await chatAs(uncached, undefined);
    assert.equal(unknown.status, 503);
    assert.equal(unknown.error?.type, 'service_unavailable');
    assert.ok(Number(unknown.headers.get('retry-after')) > 0);
    const bogus = await chatAs(new OpenAI({ apiKey: 'sk-never-issued', baseURL: `${gateway.url}/v1`, maxRetries: 0 }), undefined);
    assert.equal(bogus.status, 503);
    assert.equal((await readiness(gateway)).db, 'disconnected');
    // The cached key was answered from its stale entry (once per shared load, not per request).
    const text = await (await fetch(`${gateway.url}/metrics`, { headers: { authorization: `Bearer ${MASTER_KEY}` } })).text();
    const staleServed = readMetric(text, 'llmux_key_cache_stale_served_total');
    assert.ok(staleServed >= 1 && staleServed <= statuses.length, `stale served ${staleServed}`);
  });

  it('stops serving a stale key past key_cache_stale_seconds (503, not 500)', async () => {
    // The key expired from the bounded gateway's cache more than 4 s ago: past its 1 s bound.
    const reply = await chatAs(cachedOnBounded, undefined);
    assert.equal(reply.status, 503);
    assert.ok(Number(reply.headers.get('retry-after')) > 0);
  });

  it('answers management calls with 503 and retry-after while the database is down, not 500', async () => {
    for (const [method, path, body] of [
      ['POST', '/key/generate', { key_alias: 'during-outage' }],
      ['GET', '/key/list', undefined],
      ['GET', '/spend/logs', undefined],
    ] as const) {
      const reply = await fetch(`${gateway.url}${path}`, {
        method,
        headers: { authorization: `Bearer ${MASTER_KEY}`, 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const error = ((await reply.json()) as { error: { type: string; code: string } }).error;
      assert.equal(reply.status, 503, `${method} ${path}`);
      assert.equal(error.code, 'store_unavailable', `${method} ${path}`);
      assert.ok(Number(reply.headers.get('retry-after')) > 0, `${method} ${path}: retry-after`);
    }
  });

  it('works normally once the database is back', async () => {
    await own.start();
    const deadline = Date.now() + 15_000;
    while ((await readiness(gateway)).db !== 'connected') {
      if (Date.now() > deadline) throw new Error('database not reconnected within 15 s');
      await sleep(100);
    }
    assert.equal((await chatAs(uncached, undefined)).status, 200);
    assert.equal((await chatAs(cached, undefined)).status, 200);
    assert.equal((await chatAs(cachedOnBounded, undefined)).status, 200);
    const bogus = await chatAs(new OpenAI({ apiKey: 'sk-never-issued', baseURL: `${gateway.url}/v1`, maxRetries: 0 }), undefined);
    assert.equal(bogus.status, 401);
  });
});
