// Every management route against every role, over HTTP, with the answer each cell must get
// (issue 15, finding 4). Columns: a proxy admin's key, a proxy admin viewer's, an internal
// user's, an internal user viewer's, a team admin's (tom, admin of `red`), a team member's
// (bob, in `red`), and a plain key with no user and no team. Each cell builds its own fresh
// targets with the master key first, so cells do not depend on one another. A refusal must
// be 403 permission_denied; the table also fails if a management route has no row. Team
// members read team keys and manage none, their own included (LiteLLM's default team-member
// permissions); team admins manage team keys but never mint one billing another user.

import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createManagementRoutes } from '../src/management/create-management-routes.js';
import type { ManagementDeps } from '../src/management/management-deps.js';
import { governedTests } from './helpers/governed-tests.js';
import { ROLES, USER_OF, buildRolesWorld, expectOk, type Role, type RolesWorld } from './helpers/roles-world.js';
import { BACKEND_NAMES } from './helpers/store-backends.js';

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';
interface Cell {
  role: Role;
  world: RolesWorld;
  /** The caller's own key (for the plain key: the caller itself). */
  callerKey: string;
  upstreamUrl: string;
}
interface Row {
  method: Method;
  /** The route, as it is registered. */
  route: string;
  what: string;
  /** The path to call (defaults to the route) and the body, built fresh for the cell. */
  build(cell: Cell): Promise<{ path?: string; body?: unknown }>;
  /** Statuses in ROLES order: admin, admin viewer, user, user viewer, team admin, team member, plain key. */
  expect: readonly [number, number, number, number, number, number, number];
}

const row = (method: Method, route: string, what: string, expect: Row['expect'], build: Row['build'] = async () => ({})): Row => ({ method, route, what, expect, build });

/** A fresh key the caller owns: for a user, a new personal key; for the plain key, itself. */
async function ownKey({ role, world, callerKey }: Cell, fields: { team_id?: string } = {}): Promise<string> {
  const userId = USER_OF[role];
  return userId === undefined ? callerKey : world.key({ user_id: userId, ...fields });
}
const teamKey = (world: RolesWorld): Promise<string> => world.key({ team_id: 'red', user_id: null });
const bobsTeamKey = (world: RolesWorld): Promise<string> => world.key({ team_id: 'red', user_id: 'bob' });
const victimsKey = (world: RolesWorld): Promise<string> => world.key({ user_id: 'victim' });
const self = (role: Role): string => USER_OF[role] ?? 'victim';

async function customer(world: RolesWorld): Promise<string> {
  const userId = world.id('customer');
  await expectOk(world.admin.post('/customer/new', { user_id: userId }));
  return userId;
}

/** Proxy admins write; admins and admin viewers read; nobody else (budgets, tags). */
const ADMIN_ONLY = [200, 403, 403, 403, 403, 403, 403] as const;
const READ_ALL = [200, 200, 403, 403, 403, 403, 403] as const;

async function budget(world: RolesWorld): Promise<string> {
  const budgetId = world.id('budget');
  await expectOk(world.admin.post('/budget/new', { budget_id: budgetId, max_budget: 1 }));
  return budgetId;
}

async function tag(world: RolesWorld): Promise<string> {
  const name = world.id('tag');
  await expectOk(world.admin.post('/tag/new', { name, max_budget: 1 }));
  return name;
}

async function organization(world: RolesWorld): Promise<string> {
  const organizationId = world.id('org');
  await expectOk(world.admin.post('/organization/new', { organization_id: organizationId }));
  return organizationId;
}

async function organizationMember(world: RolesWorld): Promise<{ organization_id: string; user_id: string }> {
  const organizationId = await organization(world);
  const userId = await world.user();
  await expectOk(world.admin.post('/organization/member_add', { organization_id: organizationId, member: { user_id: userId, role: 'internal_user' } }));
  return { organization_id: organizationId, user_id: userId };
}

async function storedModel(world: RolesWorld, upstreamUrl: string): Promise<string> {
  const added = await expectOk(
    world.admin.post('/model/new', { model_name: world.id('model'), litellm_params: { model: 'openai/gpt-4o-mini', api_base: `${upstreamUrl}/v1`, api_key: 'sk-upstream' } }),
  );
  return String(added['model_id']);
}

const customerRows = (prefix: '/customer' | '/end_user'): Row[] => [
  row('POST', `${prefix}/new`, 'a new customer', [200, 403, 403, 403, 403, 403, 403], async ({ world }) => ({ body: { user_id: world.id('customer'), max_budget: 1 } })),
  row('POST', `${prefix}/update`, 'a customer', [200, 403, 403, 403, 403, 403, 403], async ({ world }) => ({ body: { user_id: await customer(world), max_budget: 2 } })),
  row('POST', `${prefix}/delete`, 'a customer', [200, 403, 403, 403, 403, 403, 403], async ({ world }) => ({ body: { user_ids: [await customer(world)] } })),
  row('POST', `${prefix}/block`, 'a customer', [200, 403, 403, 403, 403, 403, 403], async ({ world }) => ({ body: { user_ids: [await customer(world)] } })),
  row('POST', `${prefix}/unblock`, 'a customer', [200, 403, 403, 403, 403, 403, 403], async ({ world }) => ({ body: { user_ids: [await customer(world)] } })),
  row('GET', `${prefix}/info`, 'a customer', [200, 200, 403, 403, 403, 403, 403], async ({ world }) => ({ path: `${prefix}/info?end_user_id=${await customer(world)}` })),
  row('GET', `${prefix}/list`, 'all customers', [200, 200, 403, 403, 403, 403, 403]),
];

//                                                                             admin aview user uview tadm tmem plain
const MATRIX: Row[] = [
  row('POST', '/key/generate', 'a key for oneself', /*                         */ [200, 403, 200, 403, 200, 200, 403], async () => ({ body: {} })),
  row('POST', '/key/generate', 'a key billing another user', /*                */ [200, 403, 403, 403, 403, 403, 403], async () => ({ body: { user_id: 'victim' } })),
  row('POST', '/key/generate', 'a key in team red', /*                         */ [200, 403, 403, 403, 200, 403, 403], async () => ({ body: { team_id: 'red' } })),
  row('POST', '/key/generate', 'a red key billing member bob', /*              */ [200, 403, 403, 403, 403, 403, 403], async () => ({ body: { team_id: 'red', user_id: 'bob' } })),
  row('POST', '/key/generate', 'a red key billing no user', /*                 */ [200, 403, 403, 403, 200, 403, 403], async () => ({ body: { team_id: 'red', user_id: null } })),
  row('POST', '/key/generate', 'a key billing a made-up user', /*              */ [200, 403, 403, 403, 403, 403, 403], async ({ world }) => ({
    body: { team_id: 'red', user_id: world.id('ghost') },
  })),
  row('POST', '/key/update', "one's own key's limits", /*                      */ [200, 403, 200, 403, 200, 200, 403], async (cell) => ({
    body: { key: await ownKey(cell), rpm_limit: 7 },
  })),
  row('POST', '/key/update', "another user's key", /*                          */ [200, 403, 403, 403, 403, 403, 403], async ({ world }) => ({
    body: { key: await victimsKey(world), rpm_limit: 7 },
  })),
  row('POST', '/key/update', "red's own key", /*                               */ [200, 403, 403, 403, 200, 403, 403], async ({ world }) => ({
    body: { key: await teamKey(world), rpm_limit: 7 },
  })),
  row('POST', '/key/update', "bob's key in red", /*                            */ [200, 403, 403, 403, 200, 403, 403], async ({ world }) => ({
    body: { key: await bobsTeamKey(world), rpm_limit: 7 },
  })),
  row('POST', '/key/update', 'own key to bill another user', /*                */ [200, 403, 403, 403, 403, 403, 403], async (cell) => ({
    body: { key: await ownKey(cell), user_id: 'victim' },
  })),
  row('POST', '/key/update', "red's key to bill another user", /*              */ [200, 403, 403, 403, 403, 403, 403], async ({ world }) => ({
    body: { key: await teamKey(world), user_id: 'victim' },
  })),
  row('POST', '/key/update', "bob's red key out of the team", /*               */ [200, 403, 403, 403, 403, 403, 403], async ({ world }) => ({
    body: { key: await bobsTeamKey(world), team_id: null },
  })),
  row('POST', '/key/update', 'own key into team red', /*                       */ [200, 403, 403, 403, 200, 403, 403], async (cell) => ({
    body: { key: await ownKey(cell), team_id: 'red' },
  })),
  row('POST', '/key/update', 'unblock own key an admin blocked', /*            */ [200, 403, 403, 403, 403, 403, 403], async (cell) => {
    const key = await ownKey(cell);
    // The plain key cannot be blocked and still call: it unblocks another plain key instead.
    const target = cell.role === 'plain_key' ? await cell.world.key({}) : key;
    await expectOk(cell.world.admin.post('/key/block', { key: target }));
    return { body: { key: target, blocked: false } };
  }),
  row('POST', '/key/delete', "one's own key", /*                               */ [200, 403, 200, 403, 200, 200, 403], async (cell) => ({ body: { keys: [await ownKey(cell)] } })),
  row('POST', '/key/delete', "another user's key", /*                          */ [200, 403, 403, 403, 403, 403, 403], async ({ world }) => ({
    body: { keys: [await victimsKey(world)] },
  })),
  row('POST', '/key/delete', "red's own key", /*                               */ [200, 403, 403, 403, 200, 403, 403], async ({ world }) => ({
    body: { keys: [await teamKey(world)] },
  })),
  row('POST', '/key/regenerate', "one's own key", /*                           */ [200, 403, 200, 403, 200, 200, 403], async (cell) => ({ body: { key: await ownKey(cell) } })),
  row('POST', '/key/regenerate', "bob's key in red (a new secret billing bob)", [200, 403, 403, 403, 403, 403, 403], async ({ world }) => ({
    body: { key: await bobsTeamKey(world) },
  })),
  row('POST', '/key/regenerate', "red's own key", /*                           */ [200, 403, 403, 403, 200, 403, 403], async ({ world }) => ({
    body: { key: await teamKey(world) },
  })),
  row('POST', '/key/regenerate', "another user's key", /*                      */ [200, 403, 403, 403, 403, 403, 403], async ({ world }) => ({
    body: { key: await victimsKey(world) },
  })),
  row('POST', '/key/block', "red's own key", /*                                */ [200, 403, 403, 403, 200, 403, 403], async ({ world }) => ({
    body: { key: await teamKey(world) },
  })),
  row('POST', '/key/block', "one's own personal key", /*                       */ [200, 403, 403, 403, 403, 403, 403], async (cell) => ({
    body: { key: cell.role === 'plain_key' ? await cell.world.key({}) : await ownKey(cell) },
  })),
  row('POST', '/key/unblock', "red's own key, blocked", /*                     */ [200, 403, 403, 403, 200, 403, 403], async ({ world }) => {
    const key = await teamKey(world);
    await expectOk(world.admin.post('/key/block', { key }));
    return { body: { key } };
  }),
  row('POST', '/key/{key}/regenerate', "one's own key", /*                     */ [200, 403, 200, 403, 200, 200, 403], async (cell) => ({
    path: `/key/${await ownKey(cell)}/regenerate`,
  })),
  row('POST', '/key/{key}/regenerate', "another user's key", /*                */ [200, 403, 403, 403, 403, 403, 403], async ({ world }) => ({
    path: `/key/${await victimsKey(world)}/regenerate`,
  })),
  row('GET', '/key/info', 'itself, with no key named', /*                       */ [200, 200, 200, 200, 200, 200, 200], async () => ({ path: '/key/info' })),
  row('GET', '/key/info', "one's own key", /*                                  */ [200, 200, 200, 200, 200, 200, 200], async (cell) => ({
    path: `/key/info?key=${await ownKey(cell)}`,
  })),
  row('GET', '/key/info', "another user's key", /*                             */ [200, 200, 403, 403, 403, 403, 403], async ({ world }) => ({
    path: `/key/info?key=${await victimsKey(world)}`,
  })),
  row('GET', '/key/info', "red's own key", /*                                  */ [200, 200, 403, 403, 200, 200, 403], async ({ world }) => ({
    path: `/key/info?key=${await teamKey(world)}`,
  })),
  row('GET', '/key/list', "one's own keys", /*                                 */ [200, 200, 200, 200, 200, 200, 403]),
  row('GET', '/key/list', "another user's keys", /*                            */ [200, 200, 403, 403, 403, 403, 403], async () => ({ path: '/key/list?user_id=victim' })),
  row('GET', '/key/list', "red's keys", /*                                     */ [200, 200, 200, 200, 200, 200, 403], async () => ({ path: '/key/list?team_id=red' })),

  row('POST', '/user/new', 'a new user', /*                                    */ [200, 403, 403, 403, 403, 403, 403], async ({ world }) => ({
    body: { user_id: world.id('new-user') },
  })),
  row('POST', '/user/update', "one's own budget", /*                           */ [200, 403, 403, 403, 403, 403, 403], async ({ role }) => ({
    body: { user_id: self(role), max_budget: 1_000_000 },
  })),
  row('POST', '/user/update', 'another user', /*                               */ [200, 403, 403, 403, 403, 403, 403], async () => ({ body: { user_id: 'victim', rpm_limit: 1 } })),
  row('POST', '/user/delete', 'a user', /*                                     */ [200, 403, 403, 403, 403, 403, 403], async ({ world }) => ({
    body: { user_ids: [await world.user()] },
  })),
  // The plain key has no user to show: 404, it names none.
  row('GET', '/user/info', 'oneself', /*                                       */ [200, 200, 200, 200, 200, 200, 404]),
  row('GET', '/user/info', 'another user', /*                                  */ [200, 200, 403, 403, 403, 403, 403], async () => ({ path: '/user/info?user_id=victim' })),
  row('GET', '/user/list', 'all users', /*                                     */ [200, 200, 403, 403, 403, 403, 403]),

  row('POST', '/team/new', 'a new team', /*                                    */ [200, 403, 403, 403, 403, 403, 403], async ({ world }) => ({
    body: { team_id: world.id('team') },
  })),
  row('POST', '/team/update', "red's budget", /*                               */ [200, 403, 403, 403, 403, 403, 403], async () => ({
    body: { team_id: 'red', max_budget: 1_000_000 },
  })),
  row('POST', '/team/delete', 'a team', /*                                     */ [200, 403, 403, 403, 403, 403, 403], async ({ world }) => {
    const teamId = world.id('team');
    await expectOk(world.admin.post('/team/new', { team_id: teamId }));
    return { body: { team_ids: [teamId] } };
  }),
  row('POST', '/team/member_add', 'an existing user to red', /*                */ [200, 403, 403, 403, 200, 403, 403], async ({ world }) => ({
    body: { team_id: 'red', member: { user_id: await world.user(), role: 'user' } },
  })),
  row('POST', '/team/member_add', 'a made-up user id to red', /*               */ [200, 403, 403, 403, 400, 403, 403], async ({ world }) => ({
    body: { team_id: 'red', member: { user_id: world.id('ghost'), role: 'user' } },
  })),
  row('POST', '/team/member_add', 'an existing user to blue', /*               */ [200, 403, 403, 403, 403, 403, 403], async ({ world }) => ({
    body: { team_id: 'blue', member: { user_id: await world.user(), role: 'user' } },
  })),
  row('POST', '/team/member_delete', 'a member of red', /*                     */ [200, 403, 403, 403, 200, 403, 403], async ({ world }) => {
    const userId = await world.user();
    await expectOk(world.admin.post('/team/member_add', { team_id: 'red', member: { user_id: userId, role: 'user' } }));
    return { body: { team_id: 'red', user_id: userId } };
  }),
  row('POST', '/team/member_update', "a red member's role", /*                 */ [200, 403, 403, 403, 200, 403, 403], async ({ world }) => {
    const userId = await world.user();
    await expectOk(world.admin.post('/team/member_add', { team_id: 'red', member: { user_id: userId, role: 'user' } }));
    return { body: { team_id: 'red', user_id: userId, role: 'admin' } };
  }),
  row('POST', '/team/member_update', "a blue member's role", /*                */ [200, 403, 403, 403, 403, 403, 403], async () => ({
    body: { team_id: 'blue', user_id: 'victim', role: 'admin' },
  })),
  row('GET', '/team/info', 'red', /*                                           */ [200, 200, 403, 403, 200, 200, 403], async () => ({ path: '/team/info?team_id=red' })),
  row('GET', '/team/list', "one's teams", /*                                   */ [200, 200, 200, 200, 200, 200, 403]),

  ...customerRows('/customer'),
  ...customerRows('/end_user'),

  row('POST', '/model/new', 'a deployment', /*                                 */ [200, 403, 403, 403, 403, 403, 403], async ({ world, upstreamUrl }) => ({
    body: { model_name: world.id('model'), litellm_params: { model: 'openai/gpt-4o-mini', api_base: `${upstreamUrl}/v1`, api_key: 'sk-upstream' } },
  })),
  row('POST', '/model/delete', 'a deployment', /*                              */ [200, 403, 403, 403, 403, 403, 403], async ({ world, upstreamUrl }) => {
    const added = await expectOk(
      world.admin.post('/model/new', { model_name: world.id('model'), litellm_params: { model: 'openai/gpt-4o-mini', api_base: `${upstreamUrl}/v1`, api_key: 'sk-upstream' } }),
    );
    return { body: { id: added['model_id'] } };
  }),
  row('POST', '/model/update', 'a deployment', /*                              */ [200, 403, 403, 403, 403, 403, 403], async ({ world, upstreamUrl }) => ({
    body: { model_info: { id: await storedModel(world, upstreamUrl) }, litellm_params: { rpm: 5 } },
  })),
  row('PATCH', '/model/{model_id}/update', 'a deployment', /*                    */ [200, 403, 403, 403, 403, 403, 403], async ({ world, upstreamUrl }) => ({
    path: `/model/${await storedModel(world, upstreamUrl)}/update`,
    body: { litellm_params: { rpm: 5 } },
  })),
  row('GET', '/model_group/info', 'the model groups one may use', /*           */ [200, 200, 200, 200, 200, 200, 200]),
  row('GET', '/v1/models/{id}', 'a model group', /*                             */ [200, 200, 200, 200, 200, 200, 200], async () => ({ path: '/v1/models/gpt-a' })),
  row('GET', '/models/{id}', 'a model group', /*                                */ [200, 200, 200, 200, 200, 200, 200], async () => ({ path: '/models/gpt-a' })),
  row('GET', '/model/info', 'the deployments one may use', /*                  */ [200, 200, 200, 200, 200, 200, 200]),
  row('GET', '/v1/model/info', 'the deployments one may use', /*               */ [200, 200, 200, 200, 200, 200, 200]),

  row('POST', '/budget/new', 'a budget row', /*                               */ ADMIN_ONLY, async ({ world }) => ({ body: { budget_id: world.id('budget'), max_budget: 1 } })),
  row('POST', '/budget/update', 'a budget row', /*                            */ ADMIN_ONLY, async ({ world }) => ({ body: { budget_id: await budget(world), max_budget: 2 } })),
  row('POST', '/budget/delete', 'a budget row', /*                            */ ADMIN_ONLY, async ({ world }) => ({ body: { id: await budget(world) } })),
  row('POST', '/budget/info', 'a budget row', /*                              */ READ_ALL, async ({ world }) => ({ body: { budgets: [await budget(world)] } })),
  row('GET', '/budget/list', 'every budget row', /*                           */ READ_ALL),
  row('GET', '/budget/settings', 'a budget row', /*                           */ READ_ALL, async ({ world }) => ({ path: `/budget/settings?budget_id=${await budget(world)}` })),
  row('POST', '/tag/new', 'a tag', /*                                         */ ADMIN_ONLY, async ({ world }) => ({ body: { name: world.id('tag'), max_budget: 1 } })),
  row('POST', '/tag/update', 'a tag', /*                                      */ ADMIN_ONLY, async ({ world }) => ({ body: { name: await tag(world), max_budget: 2 } })),
  row('POST', '/tag/delete', 'a tag', /*                                      */ ADMIN_ONLY, async ({ world }) => ({ body: { name: await tag(world) } })),
  row('POST', '/tag/info', 'a tag', /*                                        */ READ_ALL, async ({ world }) => ({ body: { names: [await tag(world)] } })),
  row('GET', '/tag/list', 'every tag', /*                                     */ READ_ALL),
  row('GET', '/spend/tags', 'spend by tag', /*                                */ READ_ALL),
  row('GET', '/global/spend/tags', 'spend by tag', /*                         */ READ_ALL),

  row('POST', '/organization/new', 'an organization', /*                     */ ADMIN_ONLY, async ({ world }) => ({ body: { organization_id: world.id('org'), max_budget: 1 } })),
  ...(['PATCH', 'POST'] as const).map((method) =>
    row(method, '/organization/update', 'an organization', ADMIN_ONLY, async ({ world }) => ({
      body: { organization_id: await organization(world), organization_alias: 'renamed' },
    })),
  ),
  ...(['DELETE', 'POST'] as const).map((method) =>
    row(method, '/organization/delete', 'an organization', ADMIN_ONLY, async ({ world }) => ({ body: { organization_ids: [await organization(world)] } })),
  ),
  row('GET', '/organization/info', 'an organization one is not in', /*        */ READ_ALL, async ({ world }) => ({
    path: `/organization/info?organization_id=${await organization(world)}`,
  })),
  row('POST', '/organization/info', 'an organization one is not in', /*       */ READ_ALL, async ({ world }) => ({ body: { organizations: [await organization(world)] } })),
  row('GET', '/organization/list', "one's organizations", /*                  */ [200, 200, 200, 200, 200, 200, 403]),
  row('POST', '/organization/member_add', 'a user, to an organization', /*    */ ADMIN_ONLY, async ({ world }) => ({
    body: { organization_id: await organization(world), member: { user_id: await world.user(), role: 'internal_user' } },
  })),
  ...(['PATCH', 'POST'] as const).map((method) =>
    row(method, '/organization/member_update', "a member's role", ADMIN_ONLY, async ({ world }) => ({ body: { ...(await organizationMember(world)), role: 'org_admin' } })),
  ),
  ...(['DELETE', 'POST'] as const).map((method) =>
    row(method, '/organization/member_delete', 'a member', ADMIN_ONLY, async ({ world }) => ({ body: await organizationMember(world) })),
  ),

  row('GET', '/user/daily/activity', "one's own activity", /*                  */ [200, 200, 200, 200, 200, 200, 403]),
  row('GET', '/team/daily/activity', "red's activity", /*                      */ [200, 200, 403, 403, 200, 200, 403], async () => ({ path: '/team/daily/activity?team_ids=red' })),

  row('GET', '/spend/logs', "one's own spend", /*                              */ [200, 200, 200, 200, 200, 200, 200]),
  row('GET', '/spend/logs/ui', "one's own spend, in pages", /*                  */ [200, 200, 200, 200, 200, 200, 200]),
  row('GET', '/global/spend/report', 'everyone’s spend by model', /*           */ [200, 200, 403, 403, 403, 403, 403], async () => ({
    path: '/global/spend/report?group_by=model',
  })),
  row('GET', '/global/spend', 'the total spend', /*                            */ [200, 200, 403, 403, 403, 403, 403]),
  row('GET', '/audit', 'the audit log', /*                                     */ [200, 200, 403, 403, 403, 403, 403]),
  row('GET', '/audit/logs', 'the audit log', /*                                */ [200, 200, 403, 403, 403, 403, 403]),
];

describe('the role matrix covers every management route', () => {
  it('has a row for each method and path the gateway registers', () => {
    // Only the paths are read: the handlers are never called, so no dependency is needed.
    const routes = createManagementRoutes({} as unknown as ManagementDeps);
    const covered = new Set(MATRIX.map((entry) => `${entry.method} ${entry.route}`));
    const missing = routes.flatMap((route) => route.paths.map((path) => `${route.method} ${path}`)).filter((name) => !covered.has(name));
    assert.deepEqual(missing, [], 'management routes without a row in the role matrix');
  });
});

for (const backendName of BACKEND_NAMES) {
  describe(`role matrix on ${backendName}`, () => {
    let world: RolesWorld;

    const itWithGateway = governedTests(backendName, async (setup) => {
      world = await buildRolesWorld(setup.admin, setup.as);
    });

    itWithGateway(`answers each of the ${MATRIX.length * ROLES.length} cells as the table says`, async (setup) => {
      const wrong: string[] = [];
      for (const entry of MATRIX) {
        for (const [column, role] of ROLES.entries()) {
          const { client, key } = await world.caller(role);
          const { path, body } = await entry.build({ role, world, callerKey: key, upstreamUrl: setup.upstream.url });
          const reply = entry.method === 'GET' ? await client.get(path ?? entry.route) : await client.send(entry.method, path ?? entry.route, body ?? {});
          const expected = entry.expect[column];
          const refusedRight = expected !== 403 || reply.body.error?.code === 'permission_denied';
          if (reply.status !== expected || !refusedRight) {
            wrong.push(`${entry.method} ${entry.route} (${entry.what}) as ${role}: expected ${expected}, got ${reply.status} ${JSON.stringify(reply.body).slice(0, 200)}`);
          }
        }
      }
      assert.deepEqual(wrong, [], `${wrong.length} cells answered otherwise`);
    });
  });
}
