// Viewers never write, even as a team's admin (LiteLLM limits both viewer roles to info
// routes): a viewer made admin of a team reads the team and its keys and changes nothing.

import * as assert from 'node:assert/strict';
import { describe } from 'node:test';
import { governedTests } from './helpers/governed-tests.js';
import { expectOk } from './helpers/roles-world.js';

describe('viewers as team admins (sqlite)', () => {
  const itWithGateway = governedTests('sqlite');

  itWithGateway('lets a viewer who admins a team read it and change nothing', async (setup) => {
    const { admin } = setup;
    for (const [userId, role] of [
      ['vera', 'internal_user_viewer'],
      ['ava', 'proxy_admin_viewer'],
      ['newcomer', 'internal_user'],
    ] as const) {
      await expectOk(admin.post('/user/new', { user_id: userId, user_role: role, auto_create_key: userId === 'newcomer' ? false : undefined }));
    }
    await expectOk(
      admin.post('/team/new', {
        team_id: 'green',
        members_with_roles: [
          { user_id: 'vera', role: 'admin' },
          { user_id: 'ava', role: 'admin' },
        ],
      }),
    );
    const teamKey = String((await expectOk(admin.post('/key/generate', { team_id: 'green', user_id: null })))['key']);
    for (const userId of ['vera', 'ava']) {
      const viewerKey = String((await expectOk(admin.post('/key/generate', { user_id: userId })))['key']);
      const viewer = setup.as(viewerKey);
      assert.equal((await viewer.get(`/key/info?key=${teamKey}`)).status, 200, userId);
      assert.equal((await viewer.get('/team/info?team_id=green')).status, 200, userId);
      for (const [path, body] of [
        ['/key/block', { key: teamKey }],
        ['/key/update', { key: teamKey, rpm_limit: 1 }],
        ['/key/regenerate', { key: teamKey }],
        ['/key/delete', { keys: [teamKey] }],
        ['/key/generate', { team_id: 'green' }],
        ['/team/member_add', { team_id: 'green', member: { user_id: 'newcomer', role: 'user' } }],
        ['/team/member_delete', { team_id: 'green', user_id: 'vera' }],
      ] as const) {
        const reply = await viewer.post(path, body);
        assert.deepEqual([reply.status, reply.body.error?.code], [403, 'permission_denied'], `${userId} ${path}`);
      }
    }
    // The team key is untouched.
    assert.equal((await setup.openai(teamKey).chat.completions.create({ model: 'gpt-a', messages: [{ role: 'user', content: 'hi' }] })).object, 'chat.completion');
  });
});
