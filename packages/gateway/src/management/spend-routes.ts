// GET /spend/logs (one row per request), /global/spend/report (totals by day, key, team,
// model or user) and /global/spend. Non-admins see only their own spend.
//
// /spend/logs answers LiteLLM's plain array unless asked for pages (`page` / `page_size`), then
// LiteLLM's /spend/logs/ui shape {data, total, page, page_size, total_pages}; /spend/logs/ui
// always pages. A plain array cut by `limit` says so in x-llmux-truncated (issue 15.8).

import { BadRequestError } from 'llmux';
import { callerUserId, canReadAll, requireReadAll } from '../governance/permissions.js';
import type { Route } from '../http/route.js';
import type { SpendGroupBy, SpendLogFilter, SpendLogRow } from '../store/store.js';
import { tokenOf } from './key-access.js';
import type { ManagementDeps } from './management-deps.js';
import { callerOf, queryOf, replyJson } from './management-request.js';
import { copyQueryFields, parseDateRange } from './parse-date-query.js';

const GROUPS: Record<string, { by: SpendGroupBy; field: string }> = {
  day: { by: 'day', field: 'date' },
  key: { by: 'key', field: 'api_key' },
  api_key: { by: 'key', field: 'api_key' },
  team: { by: 'team', field: 'team_id' },
  model: { by: 'model', field: 'model' },
  user: { by: 'user', field: 'user_id' },
};

export function createSpendRoutes({ store }: ManagementDeps): Route[] {
  return [
    {
      method: 'GET',
      paths: ['/spend/logs', '/spend/logs/ui'],
      async handle(context) {
        const caller = callerOf(context);
        const query = queryOf(context);
        const filter: SpendLogFilter = parseDateRange(query);
        const apiKey = query.get('api_key');
        if (apiKey !== null && apiKey !== '') filter.api_key = tokenOf(apiKey);
        copyQueryFields(query, ['user_id', 'team_id', 'request_id', 'model'], filter);
        if (!canReadAll(caller)) {
          // Own spend only: the caller's user when known, else the caller's key.
          const self = callerUserId(caller);
          if (self !== undefined) filter.user_id = self;
          else filter.api_key = caller.key?.token ?? '';
        }
        const paged = context.path === '/spend/logs/ui' || query.has('page') || query.has('page_size');
        if (paged) {
          const page = integerQuery(query, 'page', 1, 1, MAX_PAGE);
          const pageSize = integerQuery(query, 'page_size', DEFAULT_PAGE_SIZE, 1, MAX_PAGE_SIZE);
          const [rows, total] = await Promise.all([store.listSpendLogs({ ...filter, limit: pageSize, offset: (page - 1) * pageSize }), store.countSpendLogs(filter)]);
          replyJson(context, { data: rows.map(renderSpendLog), total, page, page_size: pageSize, total_pages: Math.ceil(total / pageSize) });
          return;
        }
        const limit = integerQuery(query, 'limit', DEFAULT_LIMIT, 1, MAX_LIMIT);
        // One row past the limit tells whether the limit cut the answer.
        const rows = await store.listSpendLogs({ ...filter, limit: limit + 1 });
        const truncated = rows.length > limit;
        if (truncated) {
          rows.length = limit;
          context.headers['x-llmux-truncated'] = 'true';
        }
        context.headers['x-llmux-limit'] = limit;
        replyJson(context, rows.map(renderSpendLog));
      },
    },
    {
      method: 'GET',
      paths: ['/global/spend/report'],
      async handle(context) {
        requireReadAll(callerOf(context), 'read the global spend report');
        const query = queryOf(context);
        const name = query.get('group_by') ?? 'day';
        const group = GROUPS[name];
        if (group === undefined)
          throw new BadRequestError(`Invalid value for 'group_by': expected one of ${Object.keys(GROUPS).join(', ')}.`, { code: 'invalid_value', param: 'group_by' });
        const rows = await store.spendReport(group.by, parseDateRange(query));
        replyJson(
          context,
          rows.map((row) => ({
            [group.field]: row.group,
            total_spend: row.spend,
            total_requests: row.requests,
            prompt_tokens: row.prompt_tokens,
            completion_tokens: row.completion_tokens,
          })),
        );
      },
    },
    {
      method: 'GET',
      paths: ['/global/spend'],
      async handle(context) {
        requireReadAll(callerOf(context), 'read the global spend');
        replyJson(context, { spend: await store.getGlobalSpend() });
      },
    },
  ];
}

const DEFAULT_LIMIT = 1_000;
const MAX_LIMIT = 10_000;
/** LiteLLM's /spend/logs/ui default. */
const DEFAULT_PAGE_SIZE = 50;
const MAX_PAGE_SIZE = 1_000;
const MAX_PAGE = 1_000_000;

/** A whole number query parameter within bounds, or a 400 naming it. */
function integerQuery(query: URLSearchParams, name: string, fallback: number, min: number, max: number): number {
  const text = query.get(name);
  if (text === null || text === '') return fallback;
  const value = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(value) || value < min || value > max) {
    throw new BadRequestError(`Invalid value for '${name}': expected a whole number from ${min} to ${max}.`, { code: 'invalid_value', param: name });
  }
  return value;
}

/** LiteLLM's SpendLogs row shape (camel-cased times, `user`, `model`). */
function renderSpendLog(row: SpendLogRow): Record<string, unknown> {
  return {
    ...row,
    model: row.model_group,
    startTime: row.startTime.toISOString(),
    endTime: row.endTime.toISOString(),
    request_duration_ms: row.endTime.getTime() - row.startTime.getTime(),
  };
}
