// GET /user/daily/activity and /team/daily/activity: spend by day, broken down by model,
// model group, provider and key, in LiteLLM's SpendAnalyticsPaginatedResponse shape
// ({results: [{date, metrics, breakdown}], metadata}). Read from the spend-log rows. A
// user reads their own activity (admins and admin viewers anyone's); a team's members read
// their team's. `model`, `api_key`, `page` and `page_size` as LiteLLM reads them
// (daily-activity-query.ts), applied by the store's query, which also counts the records
// and totals them; the metadata totals cover every page, so they do not change as a client
// pages through.

import type { Identity } from '../governance/identity.js';
import { callerUserId, canReadAll, denied, isTeamMember } from '../governance/permissions.js';
import type { RequestContext } from '../http/request-context.js';
import type { Route } from '../http/route.js';
import type { DailySpendPage, DailySpendPageFilter, DailySpendRow, Store } from '../store/store.js';
import { pageFilter, parseDailyActivityQuery } from './daily-activity-query.js';
import type { ManagementDeps } from './management-deps.js';
import { callerOf, queryOf, replyJson } from './management-request.js';
import { parseDateRange } from './parse-date-query.js';
import { loadTeam } from './team-routes.js';

interface SpendMetrics {
  spend: number;
  prompt_tokens: number;
  completion_tokens: number;
  cache_read_input_tokens: number;
  cache_creation_input_tokens: number;
  total_tokens: number;
  successful_requests: number;
  failed_requests: number;
  api_requests: number;
}

interface Breakdown {
  models: Record<string, { metrics: SpendMetrics; metadata: Record<string, unknown> }>;
  model_groups: Record<string, { metrics: SpendMetrics; metadata: Record<string, unknown> }>;
  providers: Record<string, { metrics: SpendMetrics; metadata: Record<string, unknown> }>;
  api_keys: Record<string, { metrics: SpendMetrics; metadata: Record<string, unknown> }>;
  entities: Record<string, { metrics: SpendMetrics; metadata: Record<string, unknown> }>;
  mcp_servers: Record<string, never>;
  endpoints: Record<string, never>;
}

export function createDailyActivityRoutes({ store }: ManagementDeps): Route[] {
  return [
    {
      method: 'GET',
      paths: ['/user/daily/activity'],
      async handle(context) {
        const caller = callerOf(context);
        const query = queryOf(context);
        const asked = query.get('user_id');
        const self = callerUserId(caller);
        let userId: string | undefined;
        if (canReadAll(caller)) userId = asked === null || asked === '' ? undefined : asked;
        else {
          if (self === undefined || (asked !== null && asked !== '' && asked !== self)) throw denied("read another user's activity");
          userId = self;
        }
        await reply(context, store, { ...parseDateRange(query), ...(userId === undefined ? {} : { user_id: userId }) }, () => userId ?? 'all');
      },
    },
    {
      method: 'GET',
      paths: ['/team/daily/activity'],
      async handle(context) {
        const caller = callerOf(context);
        const query = queryOf(context);
        const teamIds = (query.get('team_ids') ?? query.get('team_id') ?? '')
          .split(',')
          .map((id) => id.trim())
          .filter((id) => id !== '');
        const range = parseDateRange(query);
        if (teamIds.length === 0) {
          if (!canReadAll(caller)) throw denied("read every team's activity (name your team in team_ids)");
          await reply(context, store, range, () => 'all');
          return;
        }
        for (const teamId of teamIds) await requireTeamReader(store, caller, teamId);
        await reply(context, store, { ...range, team_ids: teamIds }, (row) => row.team_id ?? 'all');
      },
    },
  ];
}

async function requireTeamReader(store: Store, caller: Identity, teamId: string): Promise<void> {
  const team = await loadTeam(store, teamId);
  if (!canReadAll(caller) && !isTeamMember(caller, team) && caller.key?.team_id !== teamId) throw denied(`read team ${teamId}'s activity`);
}

function emptyMetrics(): SpendMetrics {
  return {
    spend: 0,
    prompt_tokens: 0,
    completion_tokens: 0,
    cache_read_input_tokens: 0,
    cache_creation_input_tokens: 0,
    total_tokens: 0,
    successful_requests: 0,
    failed_requests: 0,
    api_requests: 0,
  };
}

function add(metrics: SpendMetrics, row: DailySpendPage['totals']): void {
  metrics.spend += row.spend;
  metrics.prompt_tokens += row.prompt_tokens;
  metrics.completion_tokens += row.completion_tokens;
  metrics.cache_read_input_tokens += row.cached_tokens;
  metrics.total_tokens += row.prompt_tokens + row.completion_tokens;
  metrics.successful_requests += row.successful_requests;
  metrics.failed_requests += row.requests - row.successful_requests;
  metrics.api_requests += row.requests;
}

function addTo(bucket: Breakdown[keyof Breakdown], name: string, row: DailySpendRow, metadata: Record<string, unknown> = {}): void {
  const entries = bucket as Record<string, { metrics: SpendMetrics; metadata: Record<string, unknown> }>;
  const entry = (entries[name] ??= { metrics: emptyMetrics(), metadata });
  add(entry.metrics, row);
}

type Scope = Omit<DailySpendPageFilter, 'model_group' | 'api_key' | 'page' | 'page_size'>;

async function reply(context: RequestContext, store: Store, scope: Scope, entityOf: (row: DailySpendPage['rows'][number]) => string): Promise<void> {
  const query = parseDailyActivityQuery(queryOf(context));
  const { rows, total_rows: totalRows, totals } = await store.dailySpendPage({ ...scope, ...pageFilter(query) });
  const keyMetadata = await describeKeys(store, new Set(rows.map((row) => row.api_key)));
  const days = new Map<string, { date: string; metrics: SpendMetrics; breakdown: Breakdown }>();
  const total = emptyMetrics();
  add(total, totals);
  for (const row of rows) {
    let day = days.get(row.date);
    if (day === undefined) {
      day = { date: row.date, metrics: emptyMetrics(), breakdown: { models: {}, model_groups: {}, providers: {}, api_keys: {}, entities: {}, mcp_servers: {}, endpoints: {} } };
      days.set(row.date, day);
    }
    add(day.metrics, row);
    const model = row.model_group ?? 'unknown';
    addTo(day.breakdown.models, model, row);
    addTo(day.breakdown.model_groups, model, row);
    addTo(day.breakdown.providers, row.custom_llm_provider ?? 'unknown', row);
    addTo(day.breakdown.api_keys, row.api_key, row, keyMetadata.get(row.api_key) ?? {});
    addTo(day.breakdown.entities, entityOf(row), row);
  }
  replyJson(context, {
    results: [...days.values()],
    metadata: {
      total_spend: total.spend,
      total_prompt_tokens: total.prompt_tokens,
      total_completion_tokens: total.completion_tokens,
      total_tokens: total.total_tokens,
      total_api_requests: total.api_requests,
      total_successful_requests: total.successful_requests,
      total_failed_requests: total.failed_requests,
      total_cache_read_input_tokens: total.cache_read_input_tokens,
      total_cache_creation_input_tokens: 0,
      page: query.page,
      total_pages: Math.ceil(totalRows / query.pageSize),
      has_more: query.page * query.pageSize < totalRows,
    },
  });
}

/** LiteLLM's KeyMetadata for each key in the answer (alias, team, user). */
async function describeKeys(store: Store, tokens: ReadonlySet<string>): Promise<Map<string, Record<string, unknown>>> {
  const described = new Map<string, Record<string, unknown>>();
  for (const token of tokens) {
    if (token === '') continue;
    const key = await store.findKeyByToken(token);
    described.set(
      token,
      key === undefined
        ? { key_alias: null, team_id: null, user_id: null, key_exists: false }
        : { key_alias: key.key_alias, team_id: key.team_id, user_id: key.user_id, key_exists: true },
    );
  }
  return described;
}
