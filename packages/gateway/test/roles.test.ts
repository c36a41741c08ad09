// Roles and ownership in the management API: an internal user manages only their own keys,
// a viewer only reads, an admin viewer reads everything and changes nothing, a team admin
// manages their team's keys. Refusals are 403 permission_denied.

import * as assert from 'node:assert/strict';
import { describe } from 'node:test';
import { governedTests } from './helpers/governed-tests.js';
import { BACKEND_NAMES } from './helpers/store-backends.js';

for (const backendName of BACKEND_NAMES) {
  describe(`roles on ${backendName}`, () => {
    const keys: Record<string, string> = {};

    const itWithGateway = governedTests(backendName, async (setup) => {
      const { admin } = setup;
      for (const [userId, role] of [
        ['alice', 'internal_user'],
        ['bob', 'internal_user'],
        ['vera', 'internal_user_viewer'],
        ['ava', 'proxy_admin_viewer'],
        ['tom', 'internal_user'],
      ] as const) {
        const created = await admin.post('/user/new', { user_id: userId, user_role: role });
        assert.equal(created.status, 200, JSON.stringify(created.body));
        keys[userId] = String(created.body['key']);
      }
      assert.equal(
        (
          await admin.post('/team/new', {
            team_id: 'red',
            members_with_roles: [
              { user_id: 'tom', role: 'admin' },
              { user_id: 'bob', role: 'user' },
            ],
          })
        ).status,
        200,
      );
      keys['bob-team'] = String((await admin.post('/key/generate', { user_id: 'bob', team_id: 'red' })).body['key']);
    });

    itWithGateway("lets an internal user manage their own keys and refuses another user's", async (setup) => {
      const alice = setup.as(keys['alice'] as string);
      const own = await alice.post('/key/generate', { key_alias: 'alice-2' });
      assert.equal(own.status, 200);
      assert.equal(own.body['user_id'], 'alice');
      const ownKey = String(own.body['key']);
      assert.equal((await alice.post('/key/update', { key: ownKey, rpm_limit: 5 })).status, 200);
      assert.equal((await alice.get(`/key/info?key=${ownKey}`)).status, 200);

      const bobsKey = keys['bob'] as string;
      const read = await alice.get(`/key/info?key=${bobsKey}`);
      assert.equal(read.status, 403);
      assert.equal(read.body.error?.code, 'permission_denied');
      assert.equal((await alice.post('/key/update', { key: bobsKey, rpm_limit: 1 })).status, 403);
      assert.equal((await alice.post('/key/delete', { keys: [bobsKey] })).status, 403);
      assert.equal((await alice.post('/key/generate', { user_id: 'bob' })).status, 403);
      assert.equal((await alice.get('/key/list?user_id=bob')).status, 403);
      const listed = await alice.get('/key/list?return_full_object=true');
      assert.equal(listed.status, 200);
      assert.ok((listed.body['keys'] as Array<{ user_id: string }>).every((key) => key.user_id === 'alice'));
      assert.equal((await alice.post('/key/delete', { keys: [ownKey] })).status, 200);
      // Bob's key still works after Alice's refused attempts.
      assert.equal((await setup.openai(bobsKey).chat.completions.create({ model: 'gpt-a', messages: [{ role: 'user', content: 'hi' }] })).object, 'chat.completion');
    });

    itWithGateway('lets a viewer read their own keys only, and change nothing', async (setup) => {
      const vera = setup.as(keys['vera'] as string);
      assert.equal((await vera.get(`/key/info?key=${keys['vera']}`)).status, 200);
      assert.equal((await vera.get(`/key/info?key=${keys['alice']}`)).status, 403);
      assert.equal((await vera.post('/key/generate', {})).status, 403);
      assert.equal((await vera.post('/key/update', { key: keys['vera'], rpm_limit: 1 })).status, 403);
    });

    itWithGateway('lets an admin viewer read everything and change nothing', async (setup) => {
      const ava = setup.as(keys['ava'] as string);
      assert.equal((await ava.get(`/key/info?key=${keys['alice']}`)).status, 200);
      assert.equal((await ava.get('/user/list')).status, 200);
      assert.equal((await ava.get('/audit')).status, 200);
      assert.equal((await ava.post('/key/update', { key: keys['alice'], rpm_limit: 1 })).status, 403);
      assert.equal((await ava.post('/user/new', { user_id: 'mallory' })).status, 403);
      assert.equal((await ava.post('/team/new', { team_id: 'x' })).status, 403);
    });

    itWithGateway("lets a team admin manage the team's keys and members, not other teams'", async (setup) => {
      const tom = setup.as(keys['tom'] as string);
      assert.equal((await tom.get(`/key/info?key=${keys['bob-team']}`)).status, 200);
      assert.equal((await tom.post('/key/block', { key: keys['bob-team'] })).status, 200);
      assert.equal((await tom.post('/key/unblock', { key: keys['bob-team'] })).status, 200);
      assert.equal((await tom.get('/key/list?team_id=red')).status, 200);
      assert.equal((await tom.post('/team/member_add', { team_id: 'red', member: { user_id: 'alice', role: 'user' } })).status, 200);
      // Bob's personal key is not the team's: still refused.
      assert.equal((await tom.get(`/key/info?key=${keys['bob']}`)).status, 403);
      // Plain members may not block team keys or change membership.
      const bob = setup.as(keys['bob'] as string);
      assert.equal((await bob.post('/key/block', { key: keys['bob-team'] })).status, 403);
      assert.equal((await bob.post('/team/member_delete', { team_id: 'red', user_id: 'alice' })).status, 403);
      assert.equal((await tom.post('/team/member_delete', { team_id: 'red', user_id: 'alice' })).status, 200);
    });
  });
}
