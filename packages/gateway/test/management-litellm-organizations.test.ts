// LiteLLM's organizations (/organization/*): rows with a budget row, members with roles,
// teams that belong to one, and the organization's budget enforced on its teams' calls
// (made with the openai client). Over HTTP against the gateway, on SQLite and PostgreSQL.

import * as assert from 'node:assert/strict';
import { describe } from 'node:test';
import { governedTests } from './helpers/governed-tests.js';
import { BACKEND_NAMES } from './helpers/store-backends.js';

const hello = [{ role: 'user' as const, content: 'hi' }];

for (const backendName of BACKEND_NAMES) {
  describe(`LiteLLM organizations on ${backendName}`, () => {
    const itWithGateway = governedTests(backendName);

    itWithGateway('/organization/new creates an organization with its own budget row; /organization/info and /organization/list read it', async (setup) => {
      const { admin } = setup;
      const created = await admin.post('/organization/new', { organization_alias: 'acme', models: ['gpt-a'], max_budget: 100, budget_duration: '30d' });
      assert.equal(created.status, 200, JSON.stringify(created.body));
      const id = String(created.body['organization_id']);
      assert.equal(created.body['organization_alias'], 'acme');
      assert.deepEqual(created.body['models'], ['gpt-a']);
      assert.equal((created.body['litellm_budget_table'] as Record<string, unknown>)['max_budget'], 100);
      assert.equal(typeof created.body['budget_id'], 'string');
      const info = await admin.get(`/organization/info?organization_id=${id}`);
      assert.equal(info.body['organization_alias'], 'acme');
      assert.deepEqual(info.body['members'], []);
      const older = await admin.post('/organization/info', { organizations: [id] });
      // The management helper types every body as an object; this route answers a list or another shape.
      assert.equal((older.body as unknown as Array<{ organization_id: string }>)[0]?.organization_id, id);
      // The management helper types every body as an object; this route answers a list or another shape.
      const list = (await admin.get('/organization/list')).body as unknown as Array<{ organization_id: string }>;
      assert.ok(list.some((organization) => organization.organization_id === id));
      assert.equal((await admin.get('/organization/info?organization_id=nope')).status, 404);
      assert.equal((await admin.post('/organization/new', { organization_id: id })).status, 400, 'an existing id is refused');
      assert.equal((await admin.post('/organization/new', { blocked: true })).status, 400, 'blocking a whole organization is refused, not stored and ignored');
    });

    itWithGateway(
      '/organization/member_add, PATCH /organization/member_update and DELETE /organization/member_delete manage members; an org_admin manages them too',
      async (setup) => {
        const { admin } = setup;
        const id = String((await admin.post('/organization/new', { organization_alias: 'members-org' })).body['organization_id']);
        for (const userId of ['oa-admin', 'oa-dev', 'oa-outsider']) await admin.post('/user/new', { user_id: userId, auto_create_key: false });
        const added = await admin.post('/organization/member_add', { organization_id: id, member: [{ user_id: 'oa-admin', role: 'org_admin' }] });
        assert.equal(added.status, 200, JSON.stringify(added.body));
        assert.equal(added.body['organization_id'], id);
        assert.deepEqual(
          (added.body['updated_organization_memberships'] as Array<Record<string, unknown>>).map((member) => [member['user_id'], member['user_role']]),
          [['oa-admin', 'org_admin']],
        );
        const orgAdmin = setup.as(String((await admin.post('/key/generate', { user_id: 'oa-admin' })).body['key']));
        const outsider = setup.as(String((await admin.post('/key/generate', { user_id: 'oa-outsider' })).body['key']));
        assert.equal((await orgAdmin.post('/organization/member_add', { organization_id: id, member: { user_id: 'oa-dev', role: 'internal_user' } })).status, 200);
        assert.equal((await orgAdmin.post('/organization/member_add', { organization_id: id, member: { user_id: 'made-up' } })).status, 400, 'only a proxy admin conjures users');
        assert.equal((await outsider.post('/organization/member_add', { organization_id: id, member: { user_id: 'oa-outsider' } })).status, 403);
        assert.equal((await outsider.get(`/organization/info?organization_id=${id}`)).status, 403, 'a non-member cannot read the organization');
        // The management helper types every body as an object; this route answers a list or another shape.
        assert.deepEqual(((await outsider.get('/organization/list')).body as unknown as unknown[]).length, 0);
        // The management helper types every body as an object; this route answers a list or another shape.
        const mine = (await orgAdmin.get('/organization/list')).body as unknown as Array<{ organization_id: string }>;
        assert.deepEqual(
          mine.map((organization) => organization.organization_id),
          [id],
        );
        const updated = await orgAdmin.send('PATCH', '/organization/member_update', { organization_id: id, user_id: 'oa-dev', role: 'internal_user_viewer' });
        assert.deepEqual(updated.body, { organization_id: id, user_id: 'oa-dev', user_role: 'internal_user_viewer' });
        const removed = await orgAdmin.send('DELETE', '/organization/member_delete', { organization_id: id, user_id: 'oa-dev' });
        assert.equal(removed.status, 200);
        const members = (await admin.get(`/organization/info?organization_id=${id}`)).body['members'] as Array<{ user_id: string }>;
        assert.deepEqual(
          members.map((member) => member.user_id),
          ['oa-admin'],
        );
      },
    );

    itWithGateway("teams join an organization with organization_id; a team budget above the organization's is refused with 400", async (setup) => {
      const { admin } = setup;
      const id = String((await admin.post('/organization/new', { organization_alias: 'teams-org', max_budget: 10 })).body['organization_id']);
      const team = await admin.post('/team/new', { team_alias: 'in-org', organization_id: id, max_budget: 5 });
      assert.equal(team.status, 200, JSON.stringify(team.body));
      assert.equal(team.body['organization_id'], id);
      assert.equal((await admin.post('/team/new', { organization_id: id, max_budget: 50 })).status, 400);
      assert.equal((await admin.post('/team/new', { organization_id: 'no-such-org' })).status, 400);
      const teams = (await admin.get(`/organization/info?organization_id=${id}`)).body['teams'] as Array<{ team_id: string }>;
      assert.deepEqual(
        teams.map((entry) => entry.team_id),
        [team.body['team_id']],
      );
    });

    itWithGateway("an organization's max_budget refuses its teams' calls once spent, as LiteLLM checks every budget a call falls under", async (setup) => {
      const { admin } = setup;
      const id = String((await admin.post('/organization/new', { organization_alias: 'tiny-org', max_budget: 0.000000001 })).body['organization_id']);
      const teamId = String((await admin.post('/team/new', { organization_id: id })).body['team_id']);
      const client = setup.openai(String((await admin.post('/key/generate', { team_id: teamId, user_id: null })).body['key']));
      await client.chat.completions.create({ model: 'gpt-a', messages: hello });
      await assert.rejects(client.chat.completions.create({ model: 'gpt-a', messages: hello }), (error: { status?: number; error?: { type?: string } }) => {
        assert.equal(error.status, 429);
        assert.equal(error.error?.type, 'budget_exceeded');
        return true;
      });
      let spend = 0;
      for (let attempt = 0; attempt < 100 && spend === 0; attempt += 1) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        spend = Number((await admin.get(`/organization/info?organization_id=${id}`)).body['spend']);
      }
      assert.ok(spend > 0, "the organization's spend is recorded");
    });

    itWithGateway('PATCH /organization/update changes an organization and its budget; DELETE /organization/delete removes it and frees its teams', async (setup) => {
      const { admin } = setup;
      const id = String((await admin.post('/organization/new', { organization_alias: 'old-name', max_budget: 1 })).body['organization_id']);
      const teamId = String((await admin.post('/team/new', { organization_id: id })).body['team_id']);
      const updated = await admin.send('PATCH', '/organization/update', { organization_id: id, organization_alias: 'new-name', max_budget: 2 });
      assert.equal(updated.status, 200, JSON.stringify(updated.body));
      assert.equal(updated.body['organization_alias'], 'new-name');
      assert.equal((updated.body['litellm_budget_table'] as Record<string, unknown>)['max_budget'], 2);
      const deleted = await admin.send('DELETE', '/organization/delete', { organization_ids: [id] });
      assert.equal(deleted.status, 200);
      // The management helper types every body as an object; this route answers a list or another shape.
      assert.equal((deleted.body as unknown as Array<{ organization_alias: string }>)[0]?.organization_alias, 'new-name');
      assert.equal((await admin.get(`/organization/info?organization_id=${id}`)).status, 404);
      const team = (await admin.get(`/team/info?team_id=${teamId}`)).body['team_info'] as Record<string, unknown>;
      assert.equal(team['organization_id'], undefined, 'the team no longer belongs to it');
    });
  });
}
