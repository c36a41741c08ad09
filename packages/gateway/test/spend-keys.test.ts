// Virtual keys end to end (keys made with /key/generate): a key with a budget is refused
// once spent, rpm_limit 2 refuses the third call, per-model limits apply to their model
// only, a team's budget covers its keys, and the spend /key/info shows equals the sum of
// the key's spend-log rows.

import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import OpenAI from 'openai';
import { chatAs, clientWithKey, COST_PER_CALL, manage, startLimitsGateway } from './helpers/limits-gateway.js';
import { startStoreLimitsGateway, type StoreLimitsGateway } from './helpers/store-limits-gateway.js';
import { teamRecord } from './helpers/team-record.js';

describe('virtual keys: budgets, rate limits and spend', () => {
  let gateway: StoreLimitsGateway;

  before(async () => {
    gateway = await startStoreLimitsGateway({ spendWriter: { flushIntervalMs: 20 } });
  });
  after(() => gateway.close());

  it('refuses a key with a budget once spent', async () => {
    const { client } = await clientWithKey(gateway.url, { max_budget: 0.03, key_alias: 'capped-key' });
    assert.equal((await chatAs(client, undefined)).status, 200);
    assert.equal((await chatAs(client, undefined)).status, 200);
    const refused = await chatAs(client, undefined);
    assert.equal(refused.status, 429);
    assert.equal(refused.error?.type, 'budget_exceeded');
    assert.match(refused.error?.message ?? '', /key capped-key/);
  });

  it('answers 429 to the third call in a minute with rpm_limit 2', async () => {
    const { client } = await clientWithKey(gateway.url, { rpm_limit: 2 });
    assert.equal((await chatAs(client, undefined)).status, 200);
    assert.equal((await chatAs(client, undefined)).status, 200);
    const third = await chatAs(client, undefined);
    assert.equal(third.status, 429);
    assert.equal(third.error?.type, 'rate_limit_error');
    assert.ok(Number(third.headers.get('retry-after')) >= 1);
  });

  it('applies model_rpm_limit to that model only', async () => {
    const { client } = await clientWithKey(gateway.url, { model_rpm_limit: { 'gpt-test': 1 } });
    assert.equal((await chatAs(client, undefined)).status, 200);
    const refused = await chatAs(client, undefined);
    assert.equal(refused.status, 429);
    assert.match(refused.error?.message ?? '', /for model gpt-test/);
  });

  it('refuses a key over its model_max_budget, also after a restart (seeded from the store)', async () => {
    const { key } = await clientWithKey(gateway.url, { model_max_budget: { 'gpt-test': { max_budget: 0.03 } } });
    const client = (url: string): OpenAI => new OpenAI({ apiKey: key, baseURL: `${url}/v1`, maxRetries: 0 });
    assert.equal((await chatAs(client(gateway.url), undefined)).status, 200);
    assert.equal((await chatAs(client(gateway.url), undefined)).status, 200);
    const refused = await chatAs(client(gateway.url), undefined);
    assert.equal(refused.status, 429);
    assert.match(refused.error?.message ?? '', /for model gpt-test/);
    await gateway.gateway.accounting.writer?.flush();
    await gateway.gateway.accounting.writer?.flush();
    // A new instance in memory mode over the same database: its counters start from the store.
    const restarted = await startLimitsGateway({ store: gateway.store });
    try {
      const again = await chatAs(client(restarted.url), undefined);
      assert.equal(again.status, 429);
      assert.equal(again.error?.type, 'budget_exceeded');
    } finally {
      await restarted.close();
    }
  });

  it("refuses a team's keys once the team budget is spent", async () => {
    // Straight into the store: the test is about the limit, not the /team routes.
    await gateway.store.upsertTeam(teamRecord('frugal', { max_budget: 0.02 }));
    const { client } = await clientWithKey(gateway.url, { team_id: 'frugal' });
    const other = await clientWithKey(gateway.url, { team_id: 'frugal' });
    assert.equal((await chatAs(client, undefined)).status, 200);
    const refused = await chatAs(other.client, undefined);
    assert.equal(refused.status, 429);
    assert.match(refused.error?.message ?? '', /team frugal/);
  });

  it('reports in /key/info the sum of the spend-log rows', async () => {
    const { client, token } = await clientWithKey(gateway.url, {});
    for (let index = 0; index < 5; index += 1) assert.equal((await chatAs(client, undefined)).status, 200);
    assert.equal((await chatAs(client, undefined, { model: 'no-such-model' })).status, 404);
    await gateway.gateway.accounting.writer?.flush();
    await gateway.gateway.accounting.writer?.flush();
    const rows = await gateway.store.listSpendLogs({ api_key: token });
    assert.equal(rows.length, 6);
    const total = rows.reduce((sum, row) => sum + row.spend, 0);
    assert.ok(Math.abs(total - 5 * COST_PER_CALL) < 1e-9);
    const info = (await manage(gateway.url, `/key/info?key=${token}`, undefined)).info as { spend: number };
    assert.ok(Math.abs(info.spend - total) < 1e-9, `/key/info spend ${info.spend} vs rows ${total}`);
  });
});
