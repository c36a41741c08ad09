// Every public route of the gateway with a valid seed request (body or query) that the fuzz
// suite mutates, and which callers hit it: the master key, a virtual key, no key, a bogus key.

export type FuzzCaller = 'master' | 'virtual' | 'none' | 'bogus';

export interface FuzzTarget {
  method: 'GET' | 'POST';
  path: string;
  body?: unknown;
  query?: Record<string, string>;
  callers: readonly FuzzCaller[];
  /** Relative share of the requests (default 1). */
  weight?: number;
}

/** Records the seeds name: made at setup, and never the virtual key the suite calls with. */
export interface FuzzFixture {
  userId: string;
  teamId: string;
  spareKey: string;
  customerId: string;
  modelId: string;
  apiBase: string;
}

const ANY: readonly FuzzCaller[] = ['master', 'virtual', 'none', 'bogus'];
const KEYED: readonly FuzzCaller[] = ['master', 'virtual'];
const ADMIN: readonly FuzzCaller[] = ['master', 'virtual', 'bogus'];

const limits = {
  max_budget: 10,
  budget_duration: '30d',
  soft_budget: 5,
  rpm_limit: 100,
  tpm_limit: 10_000,
  max_parallel_requests: 5,
  metadata: { tag: 'fuzz', nested: { a: [1, 'b'] } },
  models: ['gpt-a'],
};

function chatBody(model: string): Record<string, unknown> {
  return {
    model,
    messages: [
      { role: 'system', content: 'be brief' },
      { role: 'user', content: [{ type: 'text', text: 'hi' }] },
    ],
    temperature: 0.2,
    max_tokens: 16,
    user: 'fuzz-user',
    metadata: { trace: { id: 'x' } },
    tools: [{ type: 'function', function: { name: 'lookup', parameters: { type: 'object', properties: { q: { type: 'string' } }, required: ['q'] } } }],
    response_format: { type: 'json_schema', json_schema: { name: 'answer', schema: { type: 'object', properties: { a: { type: 'string' } } } } },
  };
}

export function fuzzTargets(fixture: FuzzFixture): FuzzTarget[] {
  const { userId, teamId, spareKey, customerId, modelId, apiBase } = fixture;
  const customer = (action: string, body: unknown): FuzzTarget[] =>
    ['/customer', '/end_user'].map((prefix) => ({ method: 'POST', path: `${prefix}/${action}`, body, callers: ADMIN }));
  return [
    // Model routes carry most of the traffic, as in production.
    { method: 'POST', path: '/v1/chat/completions', body: chatBody('gpt-a'), callers: KEYED, weight: 8 },
    {
      method: 'POST',
      path: '/chat/completions',
      body: { model: 'gpt-b', messages: [{ role: 'user', content: 'hello' }], stream: true, stream_options: { include_usage: true } },
      callers: KEYED,
      weight: 4,
    },
    { method: 'POST', path: '/v1/chat/completions', body: { model: 'gpt-a', messages: [{ role: 'user', content: 'plain' }], n: 1, seed: 7 }, callers: ANY, weight: 4 },
    { method: 'POST', path: '/v1/embeddings', body: { model: 'embed', input: ['a', 'b'], encoding_format: 'float' }, callers: KEYED, weight: 3 },
    { method: 'POST', path: '/embeddings', body: { model: 'embed', input: 'hello', dimensions: 4 }, callers: KEYED },
    {
      method: 'POST',
      path: '/v1/messages',
      body: { model: 'gpt-a', max_tokens: 16, messages: [{ role: 'user', content: 'hi' }], system: 'be brief', metadata: { user_id: 'u' } },
      callers: KEYED,
      weight: 2,
    },
    {
      method: 'POST',
      path: '/anthropic/v1/messages',
      body: { model: 'gpt-b', max_tokens: 16, stream: true, messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }] },
      callers: KEYED,
    },
    {
      method: 'POST',
      path: '/v1/messages/count_tokens',
      body: { model: 'gpt-a', messages: [{ role: 'user', content: 'count me' }], tools: [{ name: 't', input_schema: { type: 'object', properties: { q: { type: 'string' } } } }] },
      callers: KEYED,
    },
    { method: 'POST', path: '/anthropic/v1/messages/count_tokens', body: { model: 'gpt-a', messages: [{ role: 'user', content: 'count me' }] }, callers: KEYED },
    { method: 'GET', path: '/v1/models', callers: ANY },
    { method: 'GET', path: '/models', callers: KEYED },
    { method: 'GET', path: '/v1/model/info', query: { litellm_model_id: modelId }, callers: KEYED },
    { method: 'GET', path: '/model/info', callers: KEYED },
    {
      method: 'POST',
      path: '/model/new',
      body: { model_name: 'fuzz-added', litellm_params: { model: 'openai/gpt-4o-mini', api_base: apiBase, api_key: 'sk-upstream' }, model_info: { id: modelId, mode: 'chat' } },
      callers: ADMIN,
      weight: 2,
    },
    { method: 'POST', path: '/model/delete', body: { id: 'fuzz-no-such-model' }, callers: ADMIN },
    // Keys.
    {
      method: 'POST',
      path: '/key/generate',
      body: {
        ...limits,
        duration: '30d',
        key_alias: 'fuzz-alias',
        user_id: userId,
        team_id: teamId,
        model_max_budget: { 'gpt-a': { max_budget: 1, budget_duration: '1d' } },
        model_rpm_limit: { 'gpt-a': 5 },
        model_tpm_limit: { 'gpt-a': 50 },
      },
      callers: ADMIN,
      weight: 3,
    },
    { method: 'POST', path: '/key/update', body: { ...limits, key: spareKey, key_alias: 'fuzz-spare', duration: '1h', blocked: false }, callers: ADMIN, weight: 2 },
    { method: 'POST', path: '/key/delete', body: { keys: ['sk-fuzz-no-such-key-0000000000'], key_aliases: ['fuzz-none'] }, callers: ADMIN },
    { method: 'POST', path: '/key/block', body: { key: 'sk-fuzz-no-such-key-0000000000' }, callers: ADMIN },
    { method: 'POST', path: '/key/unblock', body: { key: spareKey }, callers: ADMIN },
    // Master only: with a virtual key and no `key`, regenerate replaces the caller's own key.
    { method: 'POST', path: '/key/regenerate', body: { key: 'sk-fuzz-no-such-key-0000000000' }, callers: ['master', 'bogus'] },
    { method: 'GET', path: '/key/info', query: { key: spareKey }, callers: ADMIN },
    {
      method: 'GET',
      path: '/key/list',
      query: { page: '1', size: '10', user_id: userId, team_id: teamId, key_alias: 'fuzz-alias', return_full_object: 'true' },
      callers: ADMIN,
      weight: 2,
    },
    // Users.
    {
      method: 'POST',
      path: '/user/new',
      body: { ...limits, user_id: 'fuzz-new-user', user_email: 'a@b.c', user_alias: 'A', user_role: 'internal_user', teams: [teamId], auto_create_key: false },
      callers: ADMIN,
      weight: 2,
    },
    { method: 'POST', path: '/user/update', body: { ...limits, user_id: userId, user_alias: 'B' }, callers: ADMIN, weight: 2 },
    { method: 'POST', path: '/user/delete', body: { user_ids: ['fuzz-no-such-user'] }, callers: ADMIN },
    { method: 'GET', path: '/user/info', query: { user_id: userId }, callers: ADMIN },
    { method: 'GET', path: '/user/list', query: { page: '1', page_size: '25', role: 'internal_user', team_id: teamId }, callers: ADMIN, weight: 2 },
    // Teams.
    {
      method: 'POST',
      path: '/team/new',
      body: { ...limits, team_alias: 'fuzz team', members_with_roles: [{ user_id: userId, role: 'user' }], blocked: false },
      callers: ADMIN,
      weight: 2,
    },
    { method: 'POST', path: '/team/update', body: { ...limits, team_id: teamId, team_alias: 'renamed' }, callers: ADMIN, weight: 2 },
    { method: 'POST', path: '/team/delete', body: { team_ids: ['fuzz-no-such-team'] }, callers: ADMIN },
    { method: 'POST', path: '/team/member_add', body: { team_id: teamId, member: [{ user_id: 'fuzz-member', role: 'user' }] }, callers: ADMIN, weight: 2 },
    { method: 'POST', path: '/team/member_delete', body: { team_id: teamId, user_id: 'fuzz-member' }, callers: ADMIN },
    { method: 'GET', path: '/team/info', query: { team_id: teamId }, callers: ADMIN },
    { method: 'GET', path: '/team/list', query: { user_id: userId }, callers: ADMIN },
    // Customers, under both of LiteLLM's prefixes.
    ...customer('new', { ...limits, user_id: 'fuzz-new-customer', alias: 'c', blocked: false }),
    ...customer('update', { ...limits, user_id: customerId, alias: 'd' }),
    ...customer('delete', { user_ids: ['fuzz-no-such-customer'] }),
    ...customer('block', { user_ids: [customerId] }),
    ...customer('unblock', { user_ids: [customerId] }),
    { method: 'GET', path: '/customer/info', query: { end_user_id: customerId }, callers: ADMIN },
    { method: 'GET', path: '/end_user/list', callers: ADMIN },
    // Spend and audit.
    {
      method: 'GET',
      path: '/spend/logs',
      query: { limit: '50', start_date: '2026-01-01', end_date: '2026-12-31', user_id: userId, api_key: spareKey, request_id: 'r', model: 'gpt-a', page: '1', page_size: '20' },
      callers: ADMIN,
      weight: 2,
    },
    { method: 'GET', path: '/spend/logs/ui', query: { page: '2', page_size: '10', user_id: userId }, callers: ADMIN },
    { method: 'GET', path: '/global/spend/report', query: { group_by: 'model', start_date: '2026-01-01', end_date: '2026-12-31' }, callers: ADMIN },
    { method: 'GET', path: '/global/spend', callers: ADMIN },
    { method: 'GET', path: '/audit', query: { limit: '10', action: 'created', table_name: 'keys', object_id: spareKey, changed_by: 'x' }, callers: ADMIN },
    { method: 'GET', path: '/audit/logs', query: { start_date: '2026-01-01' }, callers: ADMIN },
    // Health, metrics, dashboard.
    { method: 'GET', path: '/health', callers: ANY },
    { method: 'GET', path: '/health/liveliness', callers: ANY },
    { method: 'GET', path: '/health/liveness', callers: ANY },
    { method: 'GET', path: '/health/readiness', callers: ANY },
    { method: 'GET', path: '/metrics', callers: ANY },
    { method: 'GET', path: '/ui', callers: ANY },
    { method: 'GET', path: '/ui/index.html', callers: ANY },
    { method: 'GET', path: '/ui/assets/app.js', callers: ANY },
    { method: 'GET', path: '/ui/session', callers: ANY },
  ];
}

/** Paths no route serves, odd ones included: each must be a clean 404 (or 405). */
export const STRAY_PATHS = [
  '/nope',
  '/v1/chat',
  '/key',
  '/ui/../../etc/passwd',
  '/ui/%2e%2e/%2e%2e/etc/passwd',
  '/%00',
  '/v1/chat/completions/',
  '/key/generate%00',
  '/ui/%ff',
  `/${'a'.repeat(4000)}`,
];
