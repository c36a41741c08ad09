// Redis outages: two gateway instances share counters through a Redis of the test's own,
// which the test kills and restarts. Figures held: every call is answered while Redis is
// down (0 errors other than 429), rpm_limit 3 still gives 429 on the 4th call per instance,
// readiness and metrics report the local fallback, an alert is sent, and once Redis is back
// the calls counted locally are in Redis, the instances count together again and key
// invalidations reach the other instance again. A gateway started while Redis is down starts,
// counts locally, and merges into Redis once it comes up.
// (Added latency is measured by bench/outage-redis.mjs, not asserted here.)

import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { minuteWindow } from '../src/limits/counter-backend.js';
import { startCaptureServer, type CaptureServer } from './helpers/capture-server.js';
import { chatAs, clientWithKey, manage, MASTER_KEY, startLimitsGateway, type LimitsGateway } from './helpers/limits-gateway.js';
import { openMigratedStore, type MigratedStore } from './helpers/migrated-store.js';
import { startOwnRedis, type OwnRedis } from './helpers/own-redis.js';
import { readMetric } from './helpers/read-metric.js';

const redis = await startOwnRedis();
// Mid-minute, ten minutes ahead: every call of the test falls in one rate window.
const FIXED_NOW = minuteWindow(Date.now()) + 10 * 60_000 + 30_000;

async function readiness(gateway: LimitsGateway): Promise<{ redis: string | null; db: string }> {
  const response = await fetch(`${gateway.url}/health/readiness`);
  return (await response.json()) as { redis: string | null; db: string };
}

async function waitForRedisState(gateways: LimitsGateway[], state: string): Promise<void> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const states = await Promise.all(gateways.map(async (gateway) => (await readiness(gateway)).redis));
    if (states.every((value) => value === state)) return;
    if (Date.now() > deadline) throw new Error(`readiness says ${JSON.stringify(states)}, expected ${state}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function metrics(gateway: LimitsGateway): Promise<string> {
  const response = await fetch(`${gateway.url}/metrics`, { headers: { authorization: `Bearer ${MASTER_KEY}` } });
  return response.text();
}

describe('Redis outage', { skip: typeof redis === 'string' ? redis : false }, () => {
  const own = redis as OwnRedis;
  let migrated: MigratedStore;
  let first: LimitsGateway;
  let second: LimitsGateway;
  let alerts: CaptureServer;

  before(async () => {
    migrated = await openMigratedStore();
    const { store } = migrated;
    alerts = await startCaptureServer();
    const env = { ...process.env, REDIS_URL: own.url };
    const settings = { general_settings: { alerting: ['webhook'], alerting_webhook_url: `${alerts.url}/alerts` } };
    first = await startLimitsGateway({ store, env, settings, clock: () => FIXED_NOW });
    second = await startLimitsGateway({ store, env, settings, clock: () => FIXED_NOW });
    await waitForRedisState([first, second], 'connected');
  });
  after(async () => {
    await first?.close();
    await second?.close();
    await alerts?.close();
    await migrated?.dispose();
    await own.dispose();
  });

  let outageKey: Awaited<ReturnType<typeof clientWithKey>>;

  it('shares rpm across instances while Redis is up', async () => {
    const { client } = await clientWithKey(first.url, { rpm_limit: 2 });
    const viaSecond = client.withOptions({ baseURL: `${second.url}/v1` });
    assert.equal((await chatAs(client, undefined)).status, 200);
    assert.equal((await chatAs(viaSecond, undefined)).status, 200);
    assert.equal((await chatAs(client, undefined)).status, 429);
    outageKey = await clientWithKey(first.url, { rpm_limit: 3 });
  });

  it('answers every call with Redis down, still enforcing rpm per instance', async () => {
    await own.stop();
    const viaSecond = outageKey.client.withOptions({ baseURL: `${second.url}/v1` });
    const statuses: number[] = [];
    for (let call = 0; call < 4; call += 1) statuses.push((await chatAs(outageKey.client, undefined)).status);
    assert.deepEqual(statuses, [200, 200, 200, 429]);
    // Per instance: the second gateway counts its own three.
    const other: number[] = [];
    for (let call = 0; call < 4; call += 1) other.push((await chatAs(viaSecond, undefined)).status);
    assert.deepEqual(other, [200, 200, 200, 429]);
    // A key without limits is answered all along: 20 calls, 20 × 200.
    const unlimited = await Promise.all(Array.from({ length: 20 }, () => chatAs(first.client, undefined)));
    assert.deepEqual(new Set(unlimited.map((reply) => reply.status)), new Set([200]));
    await waitForRedisState([first, second], 'degraded-local-fallback');
    const text = await metrics(first);
    assert.equal(readMetric(text, 'llmux_redis_fallback_active'), 1);
    assert.ok(readMetric(text, 'llmux_redis_fallback_total') >= 1);
    await alerts.waitFor(1, 5_000);
    const events = alerts.requests.map((request) => (JSON.parse(request.body) as { event?: unknown }).event);
    assert.ok(events.includes('redis_unavailable'), `alerts sent: ${events.join(', ')}`);
  });

  it('adds the calls counted locally to Redis when it returns, and counts together again', async () => {
    await own.start();
    await waitForRedisState([first, second], 'connected');
    const text = await metrics(first);
    assert.equal(readMetric(text, 'llmux_redis_fallback_active'), 0);
    assert.ok(readMetric(text, 'llmux_redis_resynced_keys_total') >= 1);
    // The restarted Redis started empty; each instance added its 3 admitted calls: 6 ≥ 3.
    assert.equal((await chatAs(outageKey.client, undefined)).status, 429);
    const { client } = await clientWithKey(first.url, { rpm_limit: 2 });
    const viaSecond = client.withOptions({ baseURL: `${second.url}/v1` });
    assert.equal((await chatAs(client, undefined)).status, 200);
    assert.equal((await chatAs(viaSecond, undefined)).status, 200);
    assert.equal((await chatAs(client, undefined)).status, 429);
    assert.equal((await chatAs(viaSecond, undefined)).status, 429);
  });

  it('delivers key invalidations between instances again after the return', async () => {
    const viaSecond = outageKey.client.withOptions({ baseURL: `${second.url}/v1` });
    // Cached on the second instance (429: limited, but authenticated).
    assert.equal((await chatAs(viaSecond, undefined)).status, 429);
    await manage(first.url, '/key/delete', { keys: [outageKey.key] });
    // Well within the 60 s cache TTL: only the pub/sub message can have reached the second.
    const deadline = Date.now() + 5_000;
    let status = 0;
    while (Date.now() < deadline && (status = (await chatAs(viaSecond, undefined)).status) !== 401) await new Promise((resolve) => setTimeout(resolve, 50));
    assert.equal(status, 401);
  });
});

describe('Redis down when the gateway starts', { skip: typeof redis === 'string' ? redis : false }, () => {
  it('starts, counts locally, and shares counters once Redis comes up', async () => {
    const late = await startOwnRedis();
    if (typeof late === 'string') throw new Error(late);
    await late.stop();
    const env = { ...process.env, REDIS_URL: late.url };
    const started = Date.now();
    const gateway = await startLimitsGateway({ env, clock: () => FIXED_NOW });
    try {
      // Bounded waits for the pub/sub subscriptions, never a hang: the figure is "starts".
      assert.ok(Date.now() - started < 15_000);
      await waitForRedisState([gateway], 'degraded-local-fallback');
      const { client } = await clientWithKey(gateway.url, { rpm_limit: 1 });
      assert.equal((await chatAs(client, undefined)).status, 200);
      assert.equal((await chatAs(client, undefined)).status, 429);
      await late.start();
      await waitForRedisState([gateway], 'connected');
      // The call counted before Redis was up was added to it: still 429 from Redis.
      assert.equal((await chatAs(client, undefined)).status, 429);
    } finally {
      await gateway.close();
      await late.dispose();
    }
  });
});
