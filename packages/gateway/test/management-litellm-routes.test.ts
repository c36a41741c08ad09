// LiteLLM management behaviours a migrating team relies on (issue 18): a key reads itself
// with /key/info, regenerates through /key/{key}/regenerate, team admins change a member's
// role with /team/member_update, /model/update changes a stored deployment, and
// /model_group/info and /v1/models/{id} describe the groups a caller may use. Over HTTP
// against the gateway, on SQLite and PostgreSQL.

import * as assert from 'node:assert/strict';
import { describe } from 'node:test';
import { httpRequest } from './helpers/http-request.js';
import { governedTests } from './helpers/governed-tests.js';
import { BACKEND_NAMES } from './helpers/store-backends.js';

for (const backendName of BACKEND_NAMES) {
  describe(`LiteLLM management routes on ${backendName}`, () => {
    const itWithGateway = governedTests(backendName);

    itWithGateway('GET /key/info with no key param answers the calling key itself (LiteLLM key_info self-lookup)', async (setup) => {
      const created = await setup.admin.post('/key/generate', { key_alias: 'self-reader', models: ['gpt-a'] });
      const key = String(created.body['key']);
      const self = await setup.as(key).get('/key/info');
      assert.equal(self.status, 200, JSON.stringify(self.body));
      assert.equal((self.body['info'] as Record<string, unknown>)['key_alias'], 'self-reader');
      const named = await setup.as(key).get(`/key/info?key=${key}`);
      assert.equal(named.status, 200);
      assert.equal((named.body['info'] as Record<string, unknown>)['token'], created.body['token_id']);
    });

    itWithGateway("GET /key/info on another key is refused with 403, as LiteLLM refuses a key reading another key's info", async (setup) => {
      const mine = String((await setup.admin.post('/key/generate', {})).body['key']);
      const other = String((await setup.admin.post('/key/generate', {})).body['key']);
      const reply = await setup.as(mine).get(`/key/info?key=${other}`);
      assert.equal(reply.status, 403);
      assert.equal(reply.body.error?.code, 'permission_denied');
    });

    itWithGateway('POST /key/{key}/regenerate with no body issues a new secret and retires the old one', async (setup) => {
      const old = String((await setup.admin.post('/key/generate', { key_alias: 'rotating' })).body['key']);
      const reply = await setup.admin.send('POST', `/key/${old}/regenerate`);
      assert.equal(reply.status, 200, JSON.stringify(reply.body));
      const fresh = String(reply.body['key']);
      assert.notEqual(fresh, old);
      assert.equal(reply.body['key_alias'], 'rotating');
      assert.equal((await setup.as(old).get('/key/info')).status, 401, 'the old secret no longer authenticates');
      assert.equal((await setup.as(fresh).get('/key/info')).status, 200);
    });

    itWithGateway("POST /team/member_update changes a member's role and max_budget_in_team (enforced: team-member-budget.test.ts)", async (setup) => {
      const { admin } = setup;
      await admin.post('/user/new', { user_id: 'mu-1', user_email: 'mu1@example.com', auto_create_key: false });
      const team = await admin.post('/team/new', { members_with_roles: [{ user_id: 'mu-1', role: 'user' }] });
      const teamId = String(team.body['team_id']);
      const updated = await admin.post('/team/member_update', { team_id: teamId, user_id: 'mu-1', role: 'admin' });
      assert.equal(updated.status, 200, JSON.stringify(updated.body));
      assert.deepEqual(updated.body, { team_id: teamId, user_id: 'mu-1', user_email: 'mu1@example.com', role: 'admin', max_budget_in_team: null });
      const info = await admin.get(`/team/info?team_id=${teamId}`);
      assert.deepEqual((info.body['team_info'] as { members_with_roles: unknown[] }).members_with_roles, [{ user_id: 'mu-1', role: 'admin' }]);
      const budgeted = await admin.post('/team/member_update', { team_id: teamId, user_id: 'mu-1', max_budget_in_team: 5 });
      assert.deepEqual(budgeted.body, { team_id: teamId, user_id: 'mu-1', user_email: 'mu1@example.com', role: 'admin', max_budget_in_team: 5 });
      assert.equal((await admin.post('/team/member_update', { team_id: teamId, user_id: 'mu-1', max_budget_in_team: -1 })).status, 400);
      assert.equal((await admin.post('/team/member_update', { team_id: teamId, user_id: 'nobody', role: 'user' })).status, 400);
    });

    itWithGateway('POST /model/update merges litellm_params into a stored deployment and serves the change at once', async (setup) => {
      const { admin, upstream } = setup;
      const added = await admin.post('/model/new', {
        model_name: 'upd-a',
        litellm_params: { model: 'openai/gpt-4o-mini', api_base: `${upstream.url}/v1`, api_key: 'sk-upstream' },
      });
      const id = String(added.body['model_id']);
      const updated = await admin.post('/model/update', { model_name: 'upd-b', model_info: { id }, litellm_params: { rpm: 7 } });
      assert.equal(updated.status, 200, JSON.stringify(updated.body));
      assert.equal((updated.body['litellm_params'] as Record<string, unknown>)['rpm'], 7);
      assert.equal((updated.body['litellm_params'] as Record<string, unknown>)['api_key'], '[redacted]', 'the upstream secret never leaves');
      const models = (await admin.get(`/model/info?litellm_model_id=${id}`)).body['data'] as Array<{ model_name: string; litellm_params: Record<string, unknown> }>;
      assert.deepEqual(
        models.map((model) => [model.model_name, model.litellm_params['rpm'], model.litellm_params['model']]),
        [['upd-b', 7, 'openai/gpt-4o-mini']],
      );
      const answer = await setup.openai('sk-master-governed').chat.completions.create({ model: 'upd-b', messages: [{ role: 'user', content: 'hi' }] });
      assert.equal(answer.object, 'chat.completion');
      const patched = await admin.send('PATCH', `/model/${id}/update`, { litellm_params: { rpm: 9 } });
      assert.equal((patched.body['litellm_params'] as Record<string, unknown>)['rpm'], 9);
      assert.equal((await admin.post('/model/update', { model_info: { id: 'not-stored' } })).status, 404);
    });

    itWithGateway('GET /model_group/info lists each group with its providers, limits and mode, only those the caller may use', async (setup) => {
      const all = (await setup.admin.get('/model_group/info')).body['data'] as Array<Record<string, unknown>>;
      const gptA = all.find((group) => group['model_group'] === 'gpt-a');
      assert.deepEqual(gptA?.['providers'], ['openai']);
      assert.equal(gptA?.['mode'], 'chat');
      const limited = String((await setup.admin.post('/key/generate', { models: ['gpt-b'] })).body['key']);
      const seen = (await setup.as(limited).get('/model_group/info')).body['data'] as Array<Record<string, unknown>>;
      assert.deepEqual(
        seen.map((group) => group['model_group']),
        ['gpt-b'],
      );
    });

    itWithGateway('GET /v1/models/{id} retrieves a model as OpenAI does, and 404s one the key may not use', async (setup) => {
      const limited = String((await setup.admin.post('/key/generate', { models: ['gpt-b'] })).body['key']);
      const client = setup.openai(limited);
      const model = await client.models.retrieve('gpt-b');
      assert.deepEqual({ id: model.id, object: model.object, owned_by: model.owned_by }, { id: 'gpt-b', object: 'model', owned_by: 'openai' });
      await assert.rejects(client.models.retrieve('gpt-a'), (error: { status?: number }) => error.status === 404);
      const bare = await httpRequest(`${setup.gateway.url}/models/gpt-b`, { headers: { authorization: `Bearer ${limited}` } });
      assert.equal(bare.status, 200);
    });

    itWithGateway('GET /health/liveliness answers the JSON string "I\'m alive!" as LiteLLM does', async (setup) => {
      const live = await httpRequest(`${setup.gateway.url}/health/liveliness`);
      assert.equal(live.status, 200);
      assert.equal(live.text, '"I\'m alive!"');
    });
  });
}
