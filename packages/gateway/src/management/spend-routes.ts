// GET /spend/logs (one row per request), /global/spend/report (totals by day, key, team,
// model or user) and /global/spend. Non-admins see only their own spend.

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
      paths: ['/spend/logs'],
      async handle(context) {
        const caller = callerOf(context);
        const query = queryOf(context);
        const filter: SpendLogFilter = { limit: Math.min(10_000, Number(query.get('limit') ?? 1000) || 1000), ...parseDateRange(query) };
        const apiKey = query.get('api_key');
        if (apiKey !== null && apiKey !== '') filter.api_key = tokenOf(apiKey);
        copyQueryFields(query, ['user_id', 'team_id', 'request_id', 'model'], filter);
        if (!canReadAll(caller)) {
          // Own spend only: the caller's user when known, else the caller's key.
          const self = callerUserId(caller);
          if (self !== undefined) filter.user_id = self;
          else filter.api_key = caller.key?.token ?? '';
        }
        replyJson(context, (await store.listSpendLogs(filter)).map(renderSpendLog));
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
        if (group === undefined) throw new BadRequestError(`Invalid value for 'group_by': expected one of ${Object.keys(GROUPS).join(', ')}.`, { code: 'invalid_value', param: 'group_by' });
        const rows = await store.spendReport(group.by, parseDateRange(query));
        replyJson(
          context,
          rows.map((row) => ({ [group.field]: row.group, total_spend: row.spend, total_requests: row.requests, prompt_tokens: row.prompt_tokens, completion_tokens: row.completion_tokens })),
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

/** LiteLLM's SpendLogs row shape (camel-cased times, `user`, `model`). */
export function renderSpendLog(row: SpendLogRow): Record<string, unknown> {
  return {
    ...row,
    model: row.model_group,
    startTime: row.startTime.toISOString(),
    endTime: row.endTime.toISOString(),
    request_duration_ms: row.endTime.getTime() - row.startTime.getTime(),
  };
}
