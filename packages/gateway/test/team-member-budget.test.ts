// LiteLLM's team member budget: `max_budget_in_team` set by /team/member_add (for every member
// added) or /team/member_update, else the team's `team_member_budget`, caps what one member
// spends on the team's keys, separately for each member; raising it lets the member call again. Through the gateway with the official
// openai client, on SQLite and PostgreSQL.

import * as assert from 'node:assert/strict';
import { describe } from 'node:test';
import { APIError } from 'openai';
import { governedTests } from './helpers/governed-tests.js';
import { BACKEND_NAMES } from './helpers/store-backends.js';

const hi = [{ role: 'user' as const, content: 'hi' }];

for (const backendName of BACKEND_NAMES) {
  describe(`team member budgets (max_budget_in_team) on ${backendName}`, () => {
    const itWithGateway = governedTests(backendName);

    itWithGateway("refuses a member whose spend in the team reached max_budget_in_team, not the team's other members, until an admin raises it", async (setup) => {
      const { admin, upstream } = setup;
      const run = `${backendName}-${Date.now()}`;
      const team = String((await admin.post('/team/new', { team_alias: `members-${run}` })).body['team_id']);
      // One member with a budget a single call spends (member_add's top-level max_budget_in_team), one without.
      const added = await admin.post('/team/member_add', { team_id: team, member: [{ user_id: `capped-${run}`, role: 'user' }], max_budget_in_team: 1e-9 });
      assert.equal(added.status, 200, JSON.stringify(added.body));
      assert.equal((await admin.post('/team/member_add', { team_id: team, member: { user_id: `free-${run}`, role: 'user' } })).status, 200);
      const info = await admin.get(`/team/info?team_id=${team}`);
      assert.deepEqual((info.body['team_info'] as { members_with_roles: unknown[] }).members_with_roles, [
        { user_id: `capped-${run}`, role: 'user', max_budget_in_team: 1e-9 },
        { user_id: `free-${run}`, role: 'user' },
      ]);
      const cappedKey = String((await admin.post('/key/generate', { team_id: team, user_id: `capped-${run}` })).body['key']);
      const freeKey = String((await admin.post('/key/generate', { team_id: team, user_id: `free-${run}` })).body['key']);

      await setup.openai(cappedKey).chat.completions.create({ model: 'gpt-a', messages: hi });
      const calls = upstream.requests.length;
      let refused: unknown;
      try {
        await setup.openai(cappedKey).chat.completions.create({ model: 'gpt-a', messages: hi });
      } catch (error) {
        refused = error;
      }
      assert.ok(refused instanceof APIError, String(refused));
      assert.equal(refused.status, 429);
      assert.equal((refused.error as { type?: string }).type, 'budget_exceeded');
      assert.match(refused.message, new RegExp(`Budget exceeded for user capped-${run} in team ${team}: spend [0-9.e-]+ has reached max_budget_in_team 1e-9`));
      assert.equal(upstream.requests.length, calls, 'the refused call reached no upstream');

      await setup.openai(freeKey).chat.completions.create({ model: 'gpt-a', messages: hi });
      assert.equal(upstream.requests.length, calls + 1, "another member's calls still go through");

      const raised = await admin.post('/team/member_update', { team_id: team, user_id: `capped-${run}`, max_budget_in_team: 100 });
      assert.equal(raised.body['max_budget_in_team'], 100);
      await setup.openai(cappedKey).chat.completions.create({ model: 'gpt-a', messages: hi });
      assert.equal(upstream.requests.length, calls + 2, 'the raised budget lets the member call again');

      // A role change keeps the member's budget.
      const promoted = await admin.post('/team/member_update', { team_id: team, user_id: `capped-${run}`, role: 'admin' });
      assert.equal(promoted.body['max_budget_in_team'], 100);
    });

    itWithGateway("the team's team_member_budget (with team_member_budget_duration) caps every member; a member's max_budget_in_team replaces it", async (setup) => {
      const { admin, upstream } = setup;
      const run = `${backendName}-default-${Date.now()}`;
      const created = await admin.post('/team/new', { team_alias: `default-${run}`, team_member_budget: 1e-9, team_member_budget_duration: '30d' });
      assert.equal(created.status, 200, JSON.stringify(created.body));
      const team = String(created.body['team_id']);
      assert.deepEqual(created.body['metadata'], { team_member_budget: 1e-9, team_member_budget_duration: '30d' });
      await admin.post('/team/member_add', { team_id: team, member: [{ user_id: `plain-${run}`, role: 'user' }] });
      await admin.post('/team/member_add', { team_id: team, member: [{ user_id: `raised-${run}`, role: 'user' }], max_budget_in_team: 100 });
      const plainKey = String((await admin.post('/key/generate', { team_id: team, user_id: `plain-${run}` })).body['key']);
      const raisedKey = String((await admin.post('/key/generate', { team_id: team, user_id: `raised-${run}` })).body['key']);
      await setup.openai(plainKey).chat.completions.create({ model: 'gpt-a', messages: hi });
      await setup.openai(raisedKey).chat.completions.create({ model: 'gpt-a', messages: hi });
      const calls = upstream.requests.length;
      await assert.rejects(
        setup.openai(plainKey).chat.completions.create({ model: 'gpt-a', messages: hi }),
        (error: unknown) => error instanceof APIError && error.status === 429 && /max_budget_in_team 1e-9/.test(error.message),
      );
      await setup.openai(raisedKey).chat.completions.create({ model: 'gpt-a', messages: hi });
      assert.equal(upstream.requests.length, calls + 1, 'only the member under its own raised budget was served');
      // Removing the team default (null) frees the plain member.
      await admin.post('/team/update', { team_id: team, team_member_budget: null });
      await setup.openai(plainKey).chat.completions.create({ model: 'gpt-a', messages: hi });
      assert.equal(upstream.requests.length, calls + 2);
    });
  });
}
