// Concurrent writes of one team's members, on SQLite and the real PostgreSQL: 40 users
// added to one team at once all answer 200 (on PostgreSQL a plain insert after the delete
// collided on the primary key and answered 500 for most of them), and every member added
// is in the team afterwards.

import * as assert from 'node:assert/strict';
import { describe } from 'node:test';
import { governedTests } from './helpers/governed-tests.js';
import { expectOk } from './helpers/roles-world.js';

const USERS = 40;

for (const backend of ['sqlite', 'postgres'] as const) {
  describe(`concurrent /team/member_add (${backend})`, () => {
    const itWithGateway = governedTests(backend);

    itWithGateway(`adds ${USERS} members to one team at once with no 5xx`, async (setup) => {
      const { admin } = setup;
      const ids = Array.from({ length: USERS }, (_, index) => `member-${index}`);
      for (const id of ids) await expectOk(admin.post('/user/new', { user_id: id }));
      await expectOk(admin.post('/team/new', { team_id: 'busy' }));
      const replies = await Promise.all(ids.map((id) => admin.post('/team/member_add', { team_id: 'busy', member: { user_id: id, role: 'user' } })));
      assert.deepEqual(
        replies.filter((reply) => reply.status >= 500).map((reply) => reply.body),
        [],
      );
      assert.ok(
        replies.every((reply) => reply.status === 200),
        JSON.stringify(replies.map((reply) => reply.status)),
      );
      const info = await expectOk(admin.get('/team/info?team_id=busy'));
      const members = (info['team_info'] as { members_with_roles: Array<{ user_id: string }> }).members_with_roles.map((member) => member.user_id);
      assert.deepEqual([...members].sort(), [...ids].sort());
    });
  });
}
