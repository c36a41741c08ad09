// LiteLLM's shared budget rows (/budget/*) and tags (/tag/*, metadata.tags, /spend/tags,
// /global/spend/tags), with tag budgets enforced on calls made with the openai client.
// Over HTTP against the gateway, on SQLite and PostgreSQL.

import * as assert from 'node:assert/strict';
import { describe } from 'node:test';
import { GOVERNED_MASTER_KEY } from './helpers/governed-gateway.js';
import { governedTests } from './helpers/governed-tests.js';
import { BACKEND_NAMES } from './helpers/store-backends.js';
import { waitForSpendRows } from './helpers/wait-for-spend-rows.js';

const hello = [{ role: 'user' as const, content: 'hi' }];

for (const backendName of BACKEND_NAMES) {
  describe(`LiteLLM budgets and tags on ${backendName}`, () => {
    const itWithGateway = governedTests(backendName);

    itWithGateway('/budget/new, /budget/info, /budget/list, /budget/update, /budget/settings and /budget/delete manage shared budget rows', async (setup) => {
      const { admin } = setup;
      const created = await admin.post('/budget/new', { budget_id: 'b-team-pool', max_budget: 5, budget_duration: '30d', rpm_limit: 10 });
      assert.equal(created.status, 200, JSON.stringify(created.body));
      assert.equal(created.body['budget_id'], 'b-team-pool');
      assert.equal(created.body['max_budget'], 5);
      assert.equal(typeof created.body['budget_reset_at'], 'string', 'a duration sets the first reset, as LiteLLM does');
      const duplicate = await admin.post('/budget/new', { budget_id: 'b-team-pool', max_budget: 1 });
      assert.equal(duplicate.status, 400, 'LiteLLM answers an existing budget_id with 400');
      const generated = await admin.post('/budget/new', { soft_budget: 2 });
      assert.match(String(generated.body['budget_id']), /^[0-9a-f-]{36}$/);
      const info = await admin.post('/budget/info', { budgets: ['b-team-pool'] });
      assert.deepEqual(
        // The management helper types every body as an object; this route answers a list or another shape.
        (info.body as unknown as Array<{ budget_id: string }>).map((row) => row.budget_id),
        ['b-team-pool'],
      );
      const updated = await admin.post('/budget/update', { budget_id: 'b-team-pool', max_budget: 7 });
      assert.equal(updated.body['max_budget'], 7);
      assert.equal(updated.body['rpm_limit'], 10, 'fields not given keep their value');
      assert.equal((await admin.post('/budget/update', { max_budget: 1 })).status, 400, 'budget_id is required');
      assert.equal((await admin.post('/budget/update', { budget_id: 'nope', max_budget: 1 })).status, 404);
      const list = await admin.get('/budget/list');
      // The management helper types every body as an object; this route answers a list or another shape.
      assert.ok((list.body as unknown as Array<{ budget_id: string }>).some((row) => row.budget_id === 'b-team-pool'));
      // The management helper types every body as an object; this route answers a list or another shape.
      const settings = (await admin.get('/budget/settings?budget_id=b-team-pool')).body as unknown as Array<{ field_name: string; field_value: unknown; field_type: string }>;
      const maxBudget = settings.find((field) => field.field_name === 'max_budget');
      assert.deepEqual([maxBudget?.field_type, maxBudget?.field_value], ['Float', 7]);
      assert.equal((await admin.post('/budget/delete', { id: 'b-team-pool' })).status, 200);
      // The management helper types every body as an object; this route answers a list or another shape.
      assert.equal(((await admin.post('/budget/info', { budgets: ['b-team-pool'] })).body as unknown as unknown[]).length, 0);
    });

    itWithGateway('a budget row named by budget_id limits each key and customer naming it, as LiteLLM shares budget rows', async (setup) => {
      const { admin } = setup;
      assert.equal((await admin.post('/budget/new', { budget_id: 'b-per-entity', max_budget: 0.000000001 })).status, 200);
      const created = await admin.post('/key/generate', { budget_id: 'b-per-entity' });
      assert.equal(created.status, 200, JSON.stringify(created.body));
      assert.equal(created.body['budget_id'], 'b-per-entity');
      const client = setup.openai(String(created.body['key']));
      await client.chat.completions.create({ model: 'gpt-a', messages: hello });
      await assert.rejects(client.chat.completions.create({ model: 'gpt-a', messages: hello }), (error: { status?: number }) => error.status === 429);
      // Another key on the same row has its own spend against the row's limit.
      const second = setup.openai(String((await admin.post('/key/generate', { budget_id: 'b-per-entity' })).body['key']));
      assert.equal((await second.chat.completions.create({ model: 'gpt-a', messages: hello })).object, 'chat.completion');
      assert.equal((await admin.post('/customer/new', { user_id: 'cust-budget-row', budget_id: 'b-per-entity' })).status, 200);
      const master = setup.openai(GOVERNED_MASTER_KEY);
      await master.chat.completions.create({ model: 'gpt-a', messages: hello, user: 'cust-budget-row' });
      await assert.rejects(master.chat.completions.create({ model: 'gpt-a', messages: hello, user: 'cust-budget-row' }), (error: { status?: number }) => error.status === 429);
      assert.equal((await admin.post('/key/generate', { budget_id: 'no-such-row' })).status, 400);
      await admin.post('/user/new', { user_id: 'bt-owner', auto_create_key: false });
      const owner = setup.as(String((await admin.post('/key/generate', { user_id: 'bt-owner' })).body['key']));
      assert.equal((await owner.post('/key/generate', { budget_id: null })).status, 403, 'only a proxy admin attaches or detaches budget rows');
    });

    itWithGateway("budget rows are a proxy admin's to write and an admin viewer's to read; others get 403", async (setup) => {
      const { admin } = setup;
      await admin.post('/user/new', { user_id: 'bt-viewer', user_role: 'proxy_admin_viewer', auto_create_key: false });
      await admin.post('/user/new', { user_id: 'bt-user', user_role: 'internal_user', auto_create_key: false });
      const viewer = setup.as(String((await admin.post('/key/generate', { user_id: 'bt-viewer' })).body['key']));
      const user = setup.as(String((await admin.post('/key/generate', { user_id: 'bt-user' })).body['key']));
      assert.equal((await viewer.get('/budget/list')).status, 200);
      assert.equal((await viewer.post('/budget/new', { max_budget: 1 })).status, 403);
      assert.equal((await user.get('/budget/list')).status, 403);
      assert.equal((await user.post('/tag/new', { name: 'bt-nope' })).status, 403);
      assert.equal((await user.get('/spend/tags')).status, 403);
    });

    itWithGateway('metadata.tags sent as a list are recorded on the spend row and reported by /spend/tags and /global/spend/tags', async (setup) => {
      const { admin } = setup;
      const key = String((await admin.post('/key/generate', {})).body['key']);
      const client = setup.openai(key);
      // The openai client's `metadata` is a map of strings; LiteLLM's clients send the list in extra_body.
      await client.chat.completions.create(
        { model: 'gpt-a', messages: hello },
        { body: { model: 'gpt-a', messages: hello, metadata: { tags: ['jobID:214590', 'taskName:classify'] } } },
      );
      await client.chat.completions.create({ model: 'gpt-a', messages: hello }, { body: { model: 'gpt-a', messages: hello, metadata: { tags: ['jobID:214590'] } } });
      const rows = await waitForSpendRows(admin, key, 2);
      assert.deepEqual(rows.map((row) => (row as { request_tags?: string[] }).request_tags).sort(), [['jobID:214590'], ['jobID:214590', 'taskName:classify']]);
      // The management helper types every body as an object; this route answers a list or another shape.
      const byTag = (await admin.get('/spend/tags')).body as unknown as Array<{ individual_request_tag: string; log_count: number; total_spend: number }>;
      const job = byTag.find((row) => row.individual_request_tag === 'jobID:214590');
      assert.equal(job?.log_count, 2);
      assert.ok((job?.total_spend ?? 0) > 0);
      const global = (await admin.get('/global/spend/tags?tags=taskName:classify')).body['spend_per_tag'] as Array<{ name: string; log_count: number }>;
      assert.deepEqual(
        global.map((row) => [row.name, row.log_count]),
        [['taskName:classify', 1]],
      );
    });

    itWithGateway('/tag/new with max_budget refuses a call carrying that tag once its budget is spent, as other budgets are refused', async (setup) => {
      const { admin } = setup;
      const created = await admin.post('/tag/new', { name: 'cost-center:tiny', description: 'a tiny budget', max_budget: 0.000000001 });
      assert.equal(created.status, 200, JSON.stringify(created.body));
      assert.equal(created.body['message'], 'Tag cost-center:tiny created successfully');
      assert.equal((created.body['tag'] as Record<string, unknown>)['name'], 'cost-center:tiny');
      assert.equal((await admin.post('/tag/new', { name: 'cost-center:tiny' })).status, 400, 'LiteLLM refuses an existing tag with 400');
      const client = setup.openai(String((await admin.post('/key/generate', {})).body['key']));
      const tagged = { model: 'gpt-a', messages: hello, metadata: { tags: ['cost-center:tiny'] } };
      await client.chat.completions.create({ model: 'gpt-a', messages: hello }, { body: tagged });
      await assert.rejects(client.chat.completions.create({ model: 'gpt-a', messages: hello }, { body: tagged }), (error: { status?: number; error?: { type?: string } }) => {
        assert.equal(error.status, 429);
        assert.equal(error.error?.type, 'budget_exceeded');
        return true;
      });
      // Untagged calls are not held to the tag's budget.
      assert.equal((await client.chat.completions.create({ model: 'gpt-a', messages: hello })).object, 'chat.completion');
      const info = (await admin.post('/tag/info', { names: ['cost-center:tiny'] })).body['cost-center:tiny'] as Record<string, unknown>;
      assert.equal(info['description'], 'a tiny budget');
      assert.equal((info['litellm_budget_table'] as Record<string, unknown>)['max_budget'], 0.000000001);
      assert.equal((await admin.post('/tag/info', { names: ['no-such-tag'] })).status, 404);
    });

    itWithGateway("/tag/update changes a tag's budget, /tag/list lists stored and request-only tags, /tag/delete removes it", async (setup) => {
      const { admin } = setup;
      await admin.post('/tag/new', { name: 'team:blue', max_budget: 10 });
      const updated = await admin.post('/tag/update', { name: 'team:blue', description: 'blue team', max_budget: 20 });
      assert.equal(updated.status, 200, JSON.stringify(updated.body));
      const info = (await admin.post('/tag/info', { names: ['team:blue'] })).body['team:blue'] as Record<string, unknown>;
      assert.equal((info['litellm_budget_table'] as Record<string, unknown>)['max_budget'], 20);
      assert.equal(info['description'], 'blue team');
      const shared = await admin.post('/budget/new', { budget_id: 'b-shared-tags', max_budget: 3 });
      assert.equal(shared.status, 200);
      await admin.post('/tag/update', { name: 'team:blue', budget_id: 'b-shared-tags' });
      const relinked = (await admin.post('/tag/info', { names: ['team:blue'] })).body['team:blue'] as Record<string, unknown>;
      assert.equal((relinked['litellm_budget_table'] as Record<string, unknown>)['budget_id'], 'b-shared-tags');
      assert.equal((await admin.post('/tag/update', { name: 'team:blue', budget_id: 'no-such-budget' })).status, 400);
      await setup
        .openai(GOVERNED_MASTER_KEY)
        .chat.completions.create({ model: 'gpt-a', messages: hello }, { body: { model: 'gpt-a', messages: hello, metadata: { tags: ['only-on-requests'] } } });
      let names: string[] = [];
      for (let attempt = 0; attempt < 100 && !names.includes('only-on-requests'); attempt += 1) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        // The management helper types every body as an object; this route answers a list or another shape.
        names = ((await admin.get('/tag/list')).body as unknown as Array<{ name: string }>).map((tag) => tag.name);
      }
      assert.ok(names.includes('team:blue'));
      assert.ok(names.includes('only-on-requests'), 'a tag only ever sent on requests is listed too');
      assert.equal((await admin.post('/tag/delete', { name: 'team:blue' })).status, 200);
      assert.equal((await admin.post('/tag/delete', { name: 'team:blue' })).status, 404);
    });
  });
}
