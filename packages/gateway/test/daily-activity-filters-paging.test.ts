// LiteLLM's /user/daily/activity and /team/daily/activity filters and paging: `model` and
// `api_key` narrow the records, `page`/`page_size` slice the day × model × key records
// (newest first) with `metadata.page`, `total_pages` and `has_more` as LiteLLM counts them.
// Over HTTP with calls made by the openai client, on SQLite and PostgreSQL.

import * as assert from 'node:assert/strict';
import { describe } from 'node:test';
import { governedTests } from './helpers/governed-tests.js';
import type { ManagementClient } from './helpers/management-client.js';
import { BACKEND_NAMES } from './helpers/store-backends.js';
import { waitForSpendRows } from './helpers/wait-for-spend-rows.js';

const hello = [{ role: 'user' as const, content: 'hi' }];

interface Metrics {
  api_requests: number;
  spend: number;
}
interface Day {
  date: string;
  metrics: Metrics;
  breakdown: { models: Record<string, { metrics: Metrics }>; api_keys: Record<string, { metrics: Metrics }>; entities: Record<string, { metrics: Metrics }> };
}
interface Activity {
  results: Day[];
  metadata: { total_api_requests: number; total_spend: number; page: number; total_pages: number; has_more: boolean };
}

for (const backendName of BACKEND_NAMES) {
  describe(`LiteLLM daily activity filters and paging on ${backendName}`, () => {
    let admin: ManagementClient;
    let firstKey = '';
    let firstToken = '';
    let secondToken = '';
    let teamId = '';

    const activity = async (path: string): Promise<Activity> => {
      const reply = await admin.get(path);
      assert.equal(reply.status, 200, JSON.stringify(reply.body));
      // The management helper types every body as an object; this route answers its own shape.
      return reply.body as unknown as Activity;
    };
    /** Requests per model and per key over every day of an answer. */
    const requestsBy = (answer: Activity, field: 'models' | 'api_keys'): Record<string, number> => {
      const totals: Record<string, number> = {};
      for (const day of answer.results) for (const [name, entry] of Object.entries(day.breakdown[field])) totals[name] = (totals[name] ?? 0) + entry.metrics.api_requests;
      return totals;
    };

    const itWithGateway = governedTests(backendName, async (setup) => {
      ({ admin } = setup);
      await admin.post('/user/new', { user_id: 'dp-user', auto_create_key: false });
      teamId = String((await admin.post('/team/new', { team_alias: 'dp-team', members_with_roles: [{ user_id: 'dp-user', role: 'user' }] })).body['team_id']);
      const first = await admin.post('/key/generate', { user_id: 'dp-user', team_id: teamId });
      const second = await admin.post('/key/generate', { user_id: 'dp-user', team_id: teamId });
      firstKey = String(first.body['key']);
      firstToken = String(first.body['token_id']);
      secondToken = String(second.body['token_id']);
      const one = setup.openai(firstKey);
      const two = setup.openai(String(second.body['key']));
      await one.chat.completions.create({ model: 'gpt-a', messages: hello });
      await one.chat.completions.create({ model: 'gpt-a', messages: hello });
      await one.chat.completions.create({ model: 'gpt-b', messages: hello });
      await two.chat.completions.create({ model: 'gpt-a', messages: hello });
      assert.equal((await waitForSpendRows(admin, firstKey, 3)).length, 3);
      assert.equal((await waitForSpendRows(admin, String(second.body['key']), 1)).length, 1);
    });

    itWithGateway('/user/daily/activity?model= keeps only that model group', async () => {
      const answer = await activity('/user/daily/activity?user_id=dp-user&model=gpt-a');
      assert.equal(answer.metadata.total_api_requests, 3);
      assert.deepEqual(requestsBy(answer, 'models'), { 'gpt-a': 3 });
      assert.deepEqual(requestsBy(answer, 'api_keys'), { [firstToken]: 2, [secondToken]: 1 });
    });

    itWithGateway('/user/daily/activity?api_key= keeps only that key, given as its hash or as the key itself', async () => {
      const byHash = await activity(`/user/daily/activity?user_id=dp-user&api_key=${secondToken}`);
      assert.equal(byHash.metadata.total_api_requests, 1);
      assert.deepEqual(requestsBy(byHash, 'api_keys'), { [secondToken]: 1 });
      const byKey = await activity(`/user/daily/activity?user_id=dp-user&api_key=${encodeURIComponent(firstKey)}`);
      assert.equal(byKey.metadata.total_api_requests, 3);
      assert.deepEqual(requestsBy(byKey, 'models'), { 'gpt-a': 2, 'gpt-b': 1 });
      const both = await activity(`/user/daily/activity?user_id=dp-user&api_key=${firstToken}&model=gpt-b`);
      assert.equal(both.metadata.total_api_requests, 1);
    });

    itWithGateway('page and page_size slice the day × model × key records; total_pages and has_more count them', async () => {
      // Three records today: gpt-a × first key (2 calls), gpt-b × first key, gpt-a × second key.
      const first = await activity('/user/daily/activity?user_id=dp-user&page_size=2&page=1');
      assert.deepEqual({ page: first.metadata.page, total_pages: first.metadata.total_pages, has_more: first.metadata.has_more }, { page: 1, total_pages: 2, has_more: true });
      const second = await activity('/user/daily/activity?user_id=dp-user&page_size=2&page=2');
      assert.deepEqual({ page: second.metadata.page, total_pages: second.metadata.total_pages, has_more: second.metadata.has_more }, { page: 2, total_pages: 2, has_more: false });
      const records = (answer: Activity): number => answer.results.reduce((sum, day) => sum + Object.values(day.breakdown.api_keys).length, 0);
      const pageRequests = (answer: Activity): number => answer.results.reduce((sum, day) => sum + day.metrics.api_requests, 0);
      // The pages hold every call once between them; the totals cover all pages on each.
      assert.equal(pageRequests(first) + pageRequests(second), 4);
      assert.ok(records(first) >= 1 && records(second) >= 1);
      assert.equal(first.metadata.total_api_requests, 4);
      assert.equal(second.metadata.total_api_requests, 4);
      const past = await activity('/user/daily/activity?user_id=dp-user&page_size=2&page=3');
      assert.deepEqual(past.results, []);
      assert.equal(past.metadata.has_more, false);
    });

    itWithGateway('a page_size or page that is not a whole number from 1 is a 400 naming the parameter', async (setup) => {
      for (const query of ['page_size=0', 'page_size=1001', 'page=abc', 'page=-1']) {
        const reply = await setup.admin.get(`/user/daily/activity?${query}`);
        assert.equal(reply.status, 400, query);
        assert.equal((reply.body['error'] as { param?: string }).param, query.split('=')[0]);
      }
    });

    itWithGateway('/team/daily/activity honours model, api_key and paging too', async () => {
      const byModel = await activity(`/team/daily/activity?team_ids=${teamId}&model=gpt-b`);
      assert.equal(byModel.metadata.total_api_requests, 1);
      assert.deepEqual(requestsBy(byModel, 'models'), { 'gpt-b': 1 });
      const byKey = await activity(`/team/daily/activity?team_ids=${teamId}&api_key=${secondToken}`);
      assert.deepEqual(requestsBy(byKey, 'api_keys'), { [secondToken]: 1 });
      const paged = await activity(`/team/daily/activity?team_ids=${teamId}&page_size=1`);
      assert.deepEqual({ total_pages: paged.metadata.total_pages, has_more: paged.metadata.has_more }, { total_pages: 3, has_more: true });
    });

    itWithGateway('/team/daily/activity over several team_ids keeps each team a record of its own, filtered and paged by the database', async (setup) => {
      const otherTeam = String((await admin.post('/team/new', { team_alias: 'dp-team-2' })).body['team_id']);
      const otherKey = String((await admin.post('/key/generate', { team_id: otherTeam })).body['key']);
      await setup.openai(otherKey).chat.completions.create({ model: 'gpt-a', messages: hello });
      assert.equal((await waitForSpendRows(admin, otherKey, 1)).length, 1);
      const entities = (answer: Activity): Record<string, number> => {
        const totals: Record<string, number> = {};
        for (const day of answer.results) for (const [name, entry] of Object.entries(day.breakdown.entities)) totals[name] = (totals[name] ?? 0) + entry.metrics.api_requests;
        return totals;
      };
      const both = await activity(`/team/daily/activity?team_ids=${teamId},${otherTeam}&model=gpt-a`);
      assert.equal(both.metadata.total_api_requests, 4);
      assert.deepEqual(entities(both), { [teamId]: 3, [otherTeam]: 1 });
      // Four records (three of the first team, one of the other): two pages of two.
      const first = await activity(`/team/daily/activity?team_ids=${teamId},${otherTeam}&page_size=2`);
      const second = await activity(`/team/daily/activity?team_ids=${teamId},${otherTeam}&page_size=2&page=2`);
      assert.deepEqual([first.metadata.total_pages, first.metadata.has_more, second.metadata.has_more], [2, true, false]);
      const merged: Record<string, number> = {};
      for (const page of [first, second]) for (const [name, count] of Object.entries(entities(page))) merged[name] = (merged[name] ?? 0) + count;
      assert.deepEqual(merged, { [teamId]: 4, [otherTeam]: 1 });
      assert.equal(second.metadata.total_api_requests, 5);
    });
  });
}
