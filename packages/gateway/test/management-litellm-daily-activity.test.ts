// LiteLLM's /user/daily/activity and /team/daily/activity: spend by day with a breakdown by
// model and key, in its SpendAnalyticsPaginatedResponse shape, from calls made with the
// openai client. Over HTTP against the gateway, on SQLite and PostgreSQL.

import * as assert from 'node:assert/strict';
import { describe } from 'node:test';
import { governedTests } from './helpers/governed-tests.js';
import { BACKEND_NAMES } from './helpers/store-backends.js';
import { waitForSpendRows } from './helpers/wait-for-spend-rows.js';

const hello = [{ role: 'user' as const, content: 'hi' }];

interface Metrics {
  spend: number;
  api_requests: number;
  successful_requests: number;
  prompt_tokens: number;
  total_tokens: number;
}
interface Day {
  date: string;
  metrics: Metrics;
  breakdown: {
    models: Record<string, { metrics: Metrics }>;
    api_keys: Record<string, { metrics: Metrics; metadata: { key_alias: string | null; team_id: string | null } }>;
    entities: Record<string, { metrics: Metrics }>;
  };
}
interface Activity {
  results: Day[];
  metadata: { total_spend: number; total_api_requests: number; has_more: boolean; page: number };
}

for (const backendName of BACKEND_NAMES) {
  describe(`LiteLLM daily activity on ${backendName}`, () => {
    let userKey = '';
    let token = '';
    let teamId = '';
    const today = new Date().toISOString().slice(0, 10);

    const itWithGateway = governedTests(backendName, async (setup) => {
      const { admin } = setup;
      await admin.post('/user/new', { user_id: 'da-user', auto_create_key: false });
      await admin.post('/user/new', { user_id: 'da-other', auto_create_key: false });
      teamId = String((await admin.post('/team/new', { team_alias: 'da-team', members_with_roles: [{ user_id: 'da-user', role: 'user' }] })).body['team_id']);
      const created = await admin.post('/key/generate', { user_id: 'da-user', team_id: teamId, key_alias: 'da-key' });
      userKey = String(created.body['key']);
      token = String(created.body['token_id']);
      const client = setup.openai(userKey);
      await client.chat.completions.create({ model: 'gpt-a', messages: hello });
      await client.chat.completions.create({ model: 'gpt-a', messages: hello });
      await client.chat.completions.create({ model: 'gpt-b', messages: hello });
      assert.equal((await waitForSpendRows(admin, userKey, 3)).length, 3);
    });

    itWithGateway('/user/daily/activity answers results[{date, metrics, breakdown:{models, api_keys}}] and metadata totals', async (setup) => {
      const reply = await setup.as(userKey).get(`/user/daily/activity?start_date=${today}&end_date=${today}`);
      assert.equal(reply.status, 200, JSON.stringify(reply.body));
      // The management helper types every body as an object; this route answers a list or another shape.
      const activity = reply.body as unknown as Activity;
      assert.equal(activity.results.length, 1);
      const day = activity.results[0] as Day;
      assert.equal(day.date, today);
      assert.equal(day.metrics.api_requests, 3);
      assert.equal(day.metrics.successful_requests, 3);
      assert.ok(day.metrics.spend > 0);
      assert.equal(day.breakdown.models['gpt-a']?.metrics.api_requests, 2);
      assert.equal(day.breakdown.models['gpt-b']?.metrics.api_requests, 1);
      assert.deepEqual(day.breakdown.api_keys[token]?.metadata, { key_alias: 'da-key', team_id: teamId, user_id: 'da-user', key_exists: true });
      assert.equal(activity.metadata.total_api_requests, 3);
      assert.equal(activity.metadata.has_more, false);
      assert.ok(Math.abs(activity.metadata.total_spend - day.metrics.spend) < 1e-12);
    });

    itWithGateway("/user/daily/activity refuses a user reading another user's activity; an admin reads anyone's", async (setup) => {
      assert.equal((await setup.as(userKey).get('/user/daily/activity?user_id=da-other')).status, 403);
      // The management helper types every body as an object; this route answers a list or another shape.
      const other = (await setup.admin.get('/user/daily/activity?user_id=da-other')).body as unknown as Activity;
      assert.deepEqual(other.results, []);
      // The management helper types every body as an object; this route answers a list or another shape.
      const mine = (await setup.admin.get('/user/daily/activity?user_id=da-user')).body as unknown as Activity;
      assert.equal(mine.metadata.total_api_requests, 3);
    });

    itWithGateway('/team/daily/activity aggregates a team by day with the team as the entity; outsiders are refused', async (setup) => {
      const reply = await setup.as(userKey).get(`/team/daily/activity?team_ids=${teamId}`);
      assert.equal(reply.status, 200, JSON.stringify(reply.body));
      // The management helper types every body as an object; this route answers a list or another shape.
      const day = (reply.body as unknown as Activity).results[0] as Day;
      assert.equal(day.breakdown.entities[teamId]?.metrics.api_requests, 3);
      const outsider = String((await setup.admin.post('/key/generate', { user_id: 'da-other' })).body['key']);
      assert.equal((await setup.as(outsider).get(`/team/daily/activity?team_ids=${teamId}`)).status, 403);
      assert.equal((await setup.as(outsider).get('/team/daily/activity')).status, 403);
    });
  });
}
