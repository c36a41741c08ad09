// Budgets through the gateway: a customer and the gateway as a whole are refused once spent
// (429 budget_exceeded, before any upstream call); budgets reset after budget_duration
// (with an injected clock); soft budgets and 80 %/100 % of a max budget post one webhook alert each per period.

import * as assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { sweepBudgetResets } from '../src/spend/budget-reset-sweep.js';
import { chatAs, COST_PER_CALL, customerRecord, startLimitsGateway, type LimitsGateway } from './helpers/limits-gateway.js';
import { startStoreLimitsGateway, type StoreLimitsGateway } from './helpers/store-limits-gateway.js';

describe('budgets through the gateway', () => {
  let gateway: StoreLimitsGateway;
  let now = Date.UTC(2026, 5, 1, 9, 0, 0);
  let webhook: Server;
  const alerts: unknown[] = [];

  before(async () => {
    webhook = createServer((request, response) => {
      const parts: Buffer[] = [];
      request.on('data', (part: Buffer) => parts.push(part));
      request.on('end', () => {
        alerts.push(JSON.parse(Buffer.concat(parts).toString('utf8')));
        response.end('ok');
      });
    });
    await new Promise<void>((resolve) => webhook.listen(0, '127.0.0.1', resolve));
    gateway = await startStoreLimitsGateway({
      customers: [
        customerRecord('capped', { max_budget: 0.03 }),
        customerRecord('monthly', { max_budget: 0.03, budget_duration: '30s', budget_reset_at: new Date(now + 30_000) }),
        customerRecord('watched', { soft_budget: 0.03 }),
        customerRecord('thresholds', { max_budget: 0.05 }),
      ],
      clock: () => now,
      spendWriter: { flushIntervalMs: 20 },
      settings: {
        litellm_settings: { max_end_user_budget: 0.02 },
        general_settings: { alerting_webhook_url: `http://127.0.0.1:${(webhook.address() as AddressInfo).port}/alerts` },
      },
    });
  });
  after(async () => {
    await gateway.close();
    webhook.close();
  });

  it('refuses a customer once spent, naming the budget, before any upstream call', async () => {
    assert.equal((await chatAs(gateway.client, 'capped')).status, 200);
    assert.equal((await chatAs(gateway.client, 'capped')).status, 200);
    const upstreamCalls = gateway.upstream.requests.length;
    const refused = await chatAs(gateway.client, 'capped');
    assert.equal(refused.status, 429);
    assert.equal(refused.error?.type, 'budget_exceeded');
    assert.match(refused.error?.message ?? '', /customer capped.*max_budget 0\.03/);
    assert.equal(gateway.upstream.requests.length, upstreamCalls, 'no upstream call for a refused request');
  });

  it('refuses a blocked customer with 403 before any upstream call', async () => {
    await gateway.store.upsertCustomer(customerRecord('banned', { blocked: true }));
    const refused = await chatAs(gateway.client, 'banned');
    assert.equal(refused.status, 403);
    assert.match(refused.error?.message ?? '', /banned is blocked/);
  });

  it('applies litellm_settings.max_end_user_budget to customers without a record', async () => {
    assert.equal((await chatAs(gateway.client, 'walk-in')).status, 200);
    assert.equal((await chatAs(gateway.client, 'walk-in')).status, 429);
  });

  it('resets spend after budget_duration, in the counters and in the store', async () => {
    assert.equal((await chatAs(gateway.client, 'monthly')).status, 200);
    assert.equal((await chatAs(gateway.client, 'monthly')).status, 200);
    assert.equal((await chatAs(gateway.client, 'monthly')).status, 429);
    now += 31_000;
    assert.equal((await chatAs(gateway.client, 'monthly')).status, 200);
    await gateway.gateway.accounting.writer?.flush();
    await gateway.gateway.accounting.writer?.flush();
    const record = await gateway.store.getCustomer('monthly');
    assert.ok(Math.abs((record?.spend ?? 0) - COST_PER_CALL) < 1e-9, `spend after reset ${record?.spend}`);
    assert.equal(record?.budget_reset_at?.getTime(), Date.UTC(2026, 5, 1, 9, 1, 0));
  });

  it('resets idle entities whose period ended in the periodic sweep', async () => {
    await gateway.store.upsertCustomer(customerRecord('idle', { max_budget: 1, budget_duration: '1h', budget_reset_at: new Date(now - 1_000) }));
    await gateway.store.incrementSpend([{ entity: 'customer', id: 'idle', amount: 0.5 }]);
    const writer = gateway.gateway.accounting.writer;
    assert.ok(writer !== undefined);
    await sweepBudgetResets(gateway.store, writer, now);
    await writer.flush();
    const record = await gateway.store.getCustomer('idle');
    assert.equal(record?.spend, 0);
    assert.equal(record?.budget_reset_at?.getTime(), now - 1_000 + 3_600_000);
  });

  it('posts one soft-budget alert per period without blocking', async () => {
    assert.equal((await chatAs(gateway.client, 'watched')).status, 200);
    assert.equal((await chatAs(gateway.client, 'watched')).status, 200);
    assert.equal((await chatAs(gateway.client, 'watched')).status, 200);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const mine = alerts.filter((alert) => (alert as { id?: string }).id === 'watched');
    assert.equal(mine.length, 1);
    assert.equal((mine[0] as { event: string }).event, 'soft_budget_crossed');
  });

  it('posts one alert at 80 % and one at 100 % of a max budget, and refuses after', async () => {
    // 0.024 a call against 0.05: 48 %, 96 % (crosses 80 %), 144 % (crosses 100 %), then refused.
    for (let call = 0; call < 3; call += 1) assert.equal((await chatAs(gateway.client, 'thresholds')).status, 200);
    assert.equal((await chatAs(gateway.client, 'thresholds')).status, 429);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const mine = alerts.filter((alert) => (alert as { id?: string }).id === 'thresholds') as { event: string; threshold_percent: number; level: string }[];
    assert.deepEqual(
      mine.map((alert) => [alert.event, alert.threshold_percent, alert.level]),
      [
        ['budget_threshold', 80, 'warning'],
        ['budget_threshold', 100, 'critical'],
      ],
    );
  });
});

describe('global budget', () => {
  let gateway: LimitsGateway;
  before(async () => {
    gateway = await startLimitsGateway({ settings: { litellm_settings: { max_budget: 0.04 } } });
  });
  after(() => gateway.close());

  it('refuses every caller once litellm_settings.max_budget is spent', async () => {
    assert.equal((await chatAs(gateway.client, undefined)).status, 200);
    assert.equal((await chatAs(gateway.client, 'someone')).status, 200);
    const refused = await chatAs(gateway.client, undefined);
    assert.equal(refused.status, 429);
    assert.equal(refused.error?.type, 'budget_exceeded');
    assert.match(refused.error?.message ?? '', /max_budget/);
  });
});
