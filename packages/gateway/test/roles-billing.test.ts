// Issue 15, finding 4, rerun: a team admin tries every way to make a key that spends another
// user's budget (a made-up member, a real member, re-pointing a team key, regenerating a
// member's key). None works: the victim keeps exactly the keys an admin gave them, their
// spend stays 0 while the team admin's own calls are billed to the team, and the victim's
// own key still answers.

import * as assert from 'node:assert/strict';
import { describe } from 'node:test';
import { governedTests } from './helpers/governed-tests.js';
import { expectOk } from './helpers/roles-world.js';

describe('no cross-user billing (sqlite)', () => {
  const itWithGateway = governedTests('sqlite');

  itWithGateway("lets a team admin bill the team, never a member's or a stranger's budget", async (setup) => {
    const gateway = setup;
    const { admin } = gateway;
    const tomKey = String((await expectOk(admin.post('/user/new', { user_id: 'tom' })))['key']);
    const victimKey = String((await expectOk(admin.post('/user/new', { user_id: 'victim', max_budget: 0.01 })))['key']);
    await expectOk(admin.post('/team/new', { team_id: 'red', members_with_roles: [{ user_id: 'tom', role: 'admin' }] }));
    const tom = gateway.as(tomKey);

    const denied = async (reply: Promise<{ status: number; body: { error?: { code: string | null } } }>, status = 403): Promise<void> => {
      const { status: got, body } = await reply;
      assert.equal(got, status, JSON.stringify(body));
    };
    // A made-up id cannot join, so it cannot be billed either.
    await denied(tom.post('/team/member_add', { team_id: 'red', member: { user_id: 'ghost', role: 'user' } }), 400);
    assert.equal((await admin.get('/user/info?user_id=ghost')).status, 404);
    await denied(tom.post('/key/generate', { team_id: 'red', user_id: 'ghost' }));
    // A real user may be added; that gives no hold on their budget.
    await expectOk(tom.post('/team/member_add', { team_id: 'red', member: { user_id: 'victim', role: 'user' } }));
    await denied(tom.post('/key/generate', { team_id: 'red', user_id: 'victim' }));
    await denied(tom.post('/key/generate', { user_id: 'victim' }));
    const teamKey = String((await expectOk(tom.post('/key/generate', { team_id: 'red', user_id: null })))['key']);
    await denied(tom.post('/key/update', { key: teamKey, user_id: 'victim' }));
    // A key an admin made for the victim in red: tom may manage it, not take a new secret for it.
    const victimsTeamKey = String((await expectOk(admin.post('/key/generate', { team_id: 'red', user_id: 'victim' })))['key']);
    await expectOk(tom.post('/key/update', { key: victimsTeamKey, rpm_limit: 100 }));
    await denied(tom.post('/key/regenerate', { key: victimsTeamKey }));

    // Tom's team key is billed to the team and to no user.
    for (let call = 0; call < 3; call += 1) {
      const reply = await gateway.openai(teamKey).chat.completions.create({ model: 'gpt-a', messages: [{ role: 'user', content: 'hi' }] });
      assert.equal(reply.object, 'chat.completion');
    }
    const listed = await expectOk(admin.get('/key/list?user_id=victim&return_full_object=true'));
    assert.equal(listed['total_count'], 2, 'the victim holds only the personal key and the one an admin made');
    const victim = await expectOk(admin.get('/user/info?user_id=victim'));
    assert.equal((victim['user_info'] as { spend: number }).spend, 0);
    assert.equal((await gateway.openai(victimKey).chat.completions.create({ model: 'gpt-a', messages: [{ role: 'user', content: 'hi' }] })).object, 'chat.completion');
  });
});
