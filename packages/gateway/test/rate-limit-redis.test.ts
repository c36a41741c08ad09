// Limits shared by several gateway instances through the real Redis: a customer with
// rpm_limit 2 gets 429 on the third call even when the calls alternate between two
// gateways, and a budget spent through one instance is refused by the other.
// Skipped loudly when Redis is not reachable; never mocked.

import * as assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import OpenAI from 'openai';
import { chatAs, clientWithKey, customerRecord, startLimitsGateway, type LimitsGateway } from './helpers/limits-gateway.js';
import { openMigratedStore, type MigratedStore } from './helpers/migrated-store.js';
import { redisAvailable, TEST_REDIS_URL } from './helpers/redis-available.js';

const reachable = await redisAvailable();

describe('limits shared through Redis by two gateway instances', { skip: reachable ? false : `Redis not reachable at ${TEST_REDIS_URL}` }, () => {
  const run = randomBytes(4).toString('hex');
  const rpmCustomer = `rpm-${run}`;
  const budgetCustomer = `budget-${run}`;
  let migrated: MigratedStore;
  let first: LimitsGateway;
  let second: LimitsGateway;

  before(async () => {
    migrated = await openMigratedStore();
    const { store } = migrated;
    await store.upsertCustomer(customerRecord(rpmCustomer, { rpm_limit: 2 }));
    await store.upsertCustomer(customerRecord(budgetCustomer, { max_budget: 0.03 }));
    const env = { ...process.env, REDIS_URL: TEST_REDIS_URL };
    first = await startLimitsGateway({ store, env });
    second = await startLimitsGateway({ store, env });
    assert.equal(first.gateway.accounting.mode, 'redis');
  });
  after(async () => {
    await first?.close();
    await second?.close();
    await migrated?.dispose();
  });

  it('gives 429 on the third call in a minute spread over both instances', async () => {
    assert.equal((await chatAs(first.client, rpmCustomer)).status, 200);
    const other = await chatAs(second.client, rpmCustomer);
    assert.equal(other.status, 200);
    assert.equal(other.headers.get('x-ratelimit-remaining-requests'), '0');
    const third = await chatAs(first.client, rpmCustomer);
    assert.equal(third.status, 429);
    assert.equal((await chatAs(second.client, rpmCustomer)).status, 429);
  });

  it('gives a virtual key with rpm_limit 2 a 429 on the third call across instances', async () => {
    const { key } = await clientWithKey(first.url, { rpm_limit: 2 });
    const viaSecond = new OpenAI({ apiKey: key, baseURL: `${second.url}/v1`, maxRetries: 0 });
    const viaFirst = new OpenAI({ apiKey: key, baseURL: `${first.url}/v1`, maxRetries: 0 });
    assert.equal((await chatAs(viaFirst, undefined)).status, 200);
    assert.equal((await chatAs(viaSecond, undefined)).status, 200);
    const third = await chatAs(viaFirst, undefined);
    assert.equal(third.status, 429);
    assert.equal(third.headers.get('x-ratelimit-remaining-requests'), '0');
  });

  it('refuses on one instance a budget spent through the other', async () => {
    // 0.024 per call: the first two start under 0.03; the third starts at 0.048.
    assert.equal((await chatAs(first.client, budgetCustomer)).status, 200);
    assert.equal((await chatAs(first.client, budgetCustomer)).status, 200);
    const refused = await chatAs(second.client, budgetCustomer);
    assert.equal(refused.status, 429);
    assert.equal(refused.error?.type, 'budget_exceeded');
  });
});
