// The management API's users, teams, customers, models and spend routes, on SQLite and
// PostgreSQL, with LiteLLM's request fields and response shapes.

import * as assert from 'node:assert/strict';
import { describe } from 'node:test';
import { hashKey } from '../src/governance/hash-key.js';
import type { SpendLogRow } from '../src/store/index.js';
import { governedTests } from './helpers/governed-tests.js';
import { BACKEND_NAMES } from './helpers/store-backends.js';
import { spendLogRow } from './helpers/spend-log-row.js';

function spendRow(requestId: string, apiKey: string, changes: Partial<SpendLogRow>): SpendLogRow {
  return spendLogRow(requestId, {
    api_key: apiKey,
    model_group: 'gpt-a',
    model_id: 'd1',
    prompt_tokens: 10,
    completion_tokens: 5,
    total_tokens: 15,
    startTime: new Date('2026-03-01T12:00:00Z'),
    endTime: new Date('2026-03-01T12:00:01Z'),
    ...changes,
  });
}

for (const backendName of BACKEND_NAMES) {
  describe(`management API on ${backendName}`, () => {
    const itWithGateway = governedTests(backendName);

    itWithGateway('creates, reads, updates, lists and deletes users (and their keys)', async (setup) => {
      const { admin } = setup;
      const created = await admin.post('/user/new', { user_id: 'u-1', user_email: 'u1@example.com', max_budget: 10, budget_duration: '30d' });
      assert.equal(created.status, 200);
      assert.equal(created.body['user_role'], 'internal_user');
      assert.match(String(created.body['key']), /^sk-/);
      const info = await admin.get('/user/info?user_id=u-1');
      assert.equal((info.body['user_info'] as Record<string, unknown>)['user_email'], 'u1@example.com');
      assert.equal((info.body['keys'] as unknown[]).length, 1);
      assert.equal((await admin.post('/user/update', { user_id: 'u-1', max_budget: 20 })).body['max_budget'], 20);
      const list = await admin.get('/user/list?page_size=50');
      assert.ok((list.body['users'] as Array<{ user_id: string }>).some((user) => user.user_id === 'u-1'));
      assert.deepEqual((await admin.post('/user/delete', { user_ids: ['u-1'] })).body, { deleted_users: ['u-1'] });
      assert.equal((await admin.get('/user/info?user_id=u-1')).status, 404);
      // The deleted user's key went with them.
      assert.equal((await setup.as(String(created.body['key'])).get('/key/info')).status, 401);
    });

    itWithGateway('manages teams and their members', async (setup) => {
      const { admin } = setup;
      const team = await admin.post('/team/new', { team_alias: 'Blue', models: ['gpt-a'], rpm_limit: 10 });
      const teamId = String(team.body['team_id']);
      assert.equal(team.body['team_alias'], 'Blue');
      assert.equal((await admin.post('/team/member_add', { team_id: teamId, member: [{ user_id: 'm-1', role: 'admin' }, { user_id: 'm-2' }] })).status, 200);
      const info = await admin.get(`/team/info?team_id=${teamId}`);
      assert.deepEqual((info.body['team_info'] as { members_with_roles: unknown[] }).members_with_roles, [
        { user_id: 'm-1', role: 'admin' },
        { user_id: 'm-2', role: 'user' },
      ]);
      assert.equal((await admin.post('/team/member_delete', { team_id: teamId, user_id: 'm-2' })).status, 200);
      assert.equal((await admin.post('/team/update', { team_id: teamId, tpm_limit: 100 })).status, 200);
      const list = await admin.get('/team/list');
      // The helper types every body as an object; list routes answer arrays.
      const listed = (list.body as unknown as Array<{ team_id: string; tpm_limit: number; members_with_roles: unknown[] }>).find((entry) => entry.team_id === teamId);
      assert.equal(listed?.tpm_limit, 100);
      assert.equal(listed?.members_with_roles.length, 1);
      assert.equal((await admin.post('/team/delete', { team_ids: [teamId] })).status, 200);
      assert.equal((await admin.get(`/team/info?team_id=${teamId}`)).status, 404);
    });

    itWithGateway('manages customers, including blocking', async (setup) => {
      const { admin } = setup;
      assert.equal((await admin.post('/customer/new', { user_id: 'end-1', max_budget: 3, alias: 'Shop' })).status, 200);
      assert.equal((await admin.get('/customer/info?end_user_id=end-1')).body['alias'], 'Shop');
      assert.equal((await admin.post('/customer/update', { user_id: 'end-1', max_budget: 4 })).body['max_budget'], 4);
      assert.equal((await admin.post('/customer/block', { user_ids: ['end-1'] })).status, 200);
      assert.equal((await admin.get('/customer/info?end_user_id=end-1')).body['blocked'], true);
      assert.equal((await admin.post('/customer/unblock', { user_ids: ['end-1'] })).status, 200);
      assert.equal((await admin.post('/customer/delete', { user_ids: ['end-1'] })).status, 200);
      assert.equal((await admin.get('/customer/info?end_user_id=end-1')).status, 404);
    });

    itWithGateway('adds a deployment through /model/new that serves at once, and deletes it', async (setup) => {
      const { admin } = setup;
      const added = await admin.post('/model/new', {
        model_name: 'db-model',
        litellm_params: { model: 'openai/gpt-4o-mini', api_base: `${setup.upstream.url}/v1`, api_key: 'sk-upstream', input_cost_per_token: 0.000002 },
      });
      assert.equal(added.status, 200);
      const reply = await setup.openai('sk-master-governed').chat.completions.create({ model: 'db-model', messages: [{ role: 'user', content: 'hi' }] });
      assert.equal(reply.object, 'chat.completion');
      const info = await admin.get('/v1/model/info');
      const entry = (info.body['data'] as Array<{ model_name: string; litellm_params: Record<string, unknown>; model_info: Record<string, unknown> }>).find(
        (item) => item.model_name === 'db-model',
      );
      assert.equal(entry?.model_info['db_model'], true);
      assert.equal(entry?.litellm_params['api_key'], '[redacted]');
      assert.equal(entry?.litellm_params['input_cost_per_token'], 0.000002, 'prices are not secrets');
      assert.equal((await admin.post('/model/delete', { id: String(added.body['model_id']) })).status, 200);
      await assert.rejects(
        setup.openai('sk-master-governed').chat.completions.create({ model: 'db-model', messages: [{ role: 'user', content: 'hi' }] }),
        (error: unknown) => (error as { status?: number }).status === 404,
      );
      assert.equal((await admin.post('/model/delete', { id: 'nope' })).status, 404);
    });

    itWithGateway('serves spend logs with filters and the global spend report', async (setup) => {
      const { admin } = setup;
      const key = String((await admin.post('/key/generate', { user_id: 'spender' })).body['key']);
      const token = hashKey(key);
      await setup.gateway.gateway.governance.store.insertSpendLogs([
        spendRow('req-1', token, { user: 'spender', team_id: 'team-s' }),
        spendRow('req-2', token, { user: 'spender', model_group: 'gpt-b', startTime: new Date('2026-03-02T12:00:00Z'), endTime: new Date('2026-03-02T12:00:02Z') }),
        spendRow('req-3', 'f'.repeat(64), { startTime: new Date('2026-03-02T13:00:00Z') }),
      ]);
      const byKey = await admin.get(`/spend/logs?api_key=${key}`);
      // The helper types every body as an object; list routes answer arrays.
      assert.deepEqual(
        (byKey.body as unknown as Array<{ request_id: string }>).map((row) => row.request_id),
        ['req-2', 'req-1'],
      );
      const byDate = await admin.get('/spend/logs?start_date=2026-03-02&end_date=2026-03-02');
      // As above: a list route's array body.
      assert.deepEqual((byDate.body as unknown as Array<{ request_id: string }>).map((row) => row.request_id).sort(), ['req-2', 'req-3']);
      // As above: a list route's array body.
      const one = (await admin.get('/spend/logs?request_id=req-1')).body as unknown as Array<Record<string, unknown>>;
      assert.equal(one[0]?.['startTime'], '2026-03-01T12:00:00.000Z');
      assert.equal(one[0]?.['user'], 'spender');
      const report = await admin.get('/global/spend/report?group_by=day&start_date=2026-03-01&end_date=2026-03-02');
      assert.deepEqual(report.body, [
        { date: '2026-03-01', total_spend: 0.5, total_requests: 1, prompt_tokens: 10, completion_tokens: 5 },
        { date: '2026-03-02', total_spend: 1, total_requests: 2, prompt_tokens: 20, completion_tokens: 10 },
      ]);
      // The helper types every body as an object; list routes answer arrays.
      const byModel = (await admin.get('/global/spend/report?group_by=model&start_date=2026-03-01&end_date=2026-03-02')).body as unknown as Array<{ model: string }>;
      assert.deepEqual(
        byModel.map((row) => row.model),
        ['gpt-a', 'gpt-b'],
      );
      // The key's own owner sees their rows only.
      const own = (await setup.as(key).get('/spend/logs')).body as unknown as Array<{ request_id: string }>;
      assert.deepEqual(
        own.map((row) => row.request_id).filter((id) => id.startsWith('req-')),
        ['req-2', 'req-1'],
      );
      assert.equal((await setup.as(key).get('/global/spend/report')).status, 403);
    });
  });
}
