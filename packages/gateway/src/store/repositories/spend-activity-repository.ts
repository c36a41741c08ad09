// Spend reports read from the spend-log rows: per request tag (/spend/tags) and per day,
// model group and key (/user/daily/activity, /team/daily/activity). The daily activity's
// filters, paging, record count and totals run in the database (dailySpendPage), so a
// report over months of rows reads one page of records, not every record.

import { sql, type ExpressionBuilder, type Kysely, type SelectQueryBuilder } from 'kysely';
import type { Database } from '../database-schema.js';
import { parseJson } from '../row-codecs.js';
import type { DailySpendPage, DailySpendPageFilter, DailySpendRow } from '../store.js';

type Range = { start_date?: Date; end_date?: Date };

/** The usage every daily report sums: spend, tokens, requests and successful requests. */
function usageSums(eb: ExpressionBuilder<Database, 'llmux_spend_logs'>) {
  return [
    eb.fn.sum<number>('spend').as('spend'),
    eb.fn.sum<number>('prompt_tokens').as('prompt_tokens'),
    eb.fn.sum<number>('completion_tokens').as('completion_tokens'),
    eb.fn.sum<number>('cached_tokens').as('cached_tokens'),
    eb.fn.countAll<number>().as('requests'),
    eb.fn.sum<number>(sql`case when status = 'success' then 1 else 0 end`).as('successful_requests'),
  ] as const;
}

/** The rows a daily-activity filter keeps (the same conditions for the page, its count and its totals). */
function narrowed<Output>(query: SelectQueryBuilder<Database, 'llmux_spend_logs', Output>, filter: DailySpendPageFilter): SelectQueryBuilder<Database, 'llmux_spend_logs', Output> {
  let narrow = query;
  if (filter.user_id !== undefined) narrow = narrow.where('user_id', '=', filter.user_id);
  if (filter.team_ids !== undefined) narrow = narrow.where('team_id', 'in', filter.team_ids.length === 0 ? [''] : [...filter.team_ids]);
  if (filter.model_group !== undefined) narrow = narrow.where('model_group', '=', filter.model_group);
  if (filter.api_key !== undefined) narrow = narrow.where('api_key', '=', filter.api_key);
  if (filter.start_date !== undefined) narrow = narrow.where('start_time', '>=', filter.start_date.toISOString());
  if (filter.end_date !== undefined) narrow = narrow.where('start_time', '<=', filter.end_date.toISOString());
  return narrow;
}

export function createSpendActivityRepository(db: Kysely<Database>) {
  return {
    /**
     * Tags are a JSON list in each row, which SQLite and PostgreSQL unpack differently; the
     * rows with tags in the range are read and summed here instead (a management report).
     */
    async tagSpend(range: Range): Promise<Array<{ tag: string; spend: number; requests: number }>> {
      let query = db.selectFrom('llmux_spend_logs').select(['request_tags', 'spend']).where('request_tags', '<>', '[]');
      if (range.start_date !== undefined) query = query.where('start_time', '>=', range.start_date.toISOString());
      if (range.end_date !== undefined) query = query.where('start_time', '<=', range.end_date.toISOString());
      const totals = new Map<string, { spend: number; requests: number }>();
      for (const row of await query.execute()) {
        for (const tag of new Set(parseJson<unknown[]>(row.request_tags, []))) {
          if (typeof tag !== 'string') continue;
          const total = totals.get(tag) ?? { spend: 0, requests: 0 };
          total.spend += row.spend;
          total.requests += 1;
          totals.set(tag, total);
        }
      }
      return [...totals].map(([tag, total]) => ({ tag, ...total })).sort((a, b) => b.spend - a.spend || a.tag.localeCompare(b.tag));
    },
    async dailySpendPage(filter: DailySpendPageFilter): Promise<DailySpendPage> {
      const day = sql<string>`substr(start_time, 1, 10)`;
      // Split by team only when teams are named (each team is its own entity in the answer).
      const byTeam = filter.team_ids !== undefined;
      const team = byTeam ? sql<string | null>`team_id` : sql<string | null>`null`;
      const records = narrowed(db.selectFrom('llmux_spend_logs'), filter)
        .select((eb) => [day.as('date'), team.as('team_id'), 'model_group', 'custom_llm_provider', 'api_key', ...usageSums(eb)])
        .groupBy(byTeam ? [day, team, 'model_group', 'custom_llm_provider', 'api_key'] : [day, 'model_group', 'custom_llm_provider', 'api_key']);
      // Newest day first, as LiteLLM pages its daily records; then a stable order within a day.
      // PostgreSQL refuses a constant in ORDER BY, so the team is ordered by only when grouped by.
      const page = await (byTeam ? records.orderBy(day, 'desc').orderBy(team) : records.orderBy(day, 'desc'))
        .orderBy('model_group')
        .orderBy('api_key')
        .orderBy('custom_llm_provider')
        .limit(filter.page_size)
        .offset((filter.page - 1) * filter.page_size)
        .execute();
      const counted = await db
        .selectFrom(records.as('records'))
        .select((eb) => eb.fn.countAll<number>().as('records'))
        .executeTakeFirst();
      const totals = await narrowed(db.selectFrom('llmux_spend_logs'), filter)
        .select((eb) => usageSums(eb))
        .executeTakeFirst();
      return {
        rows: page.map((row) => ({ ...dailyRow(row), team_id: row.team_id })),
        total_rows: Number(counted?.records ?? 0),
        totals: {
          spend: Number(totals?.spend ?? 0),
          prompt_tokens: Number(totals?.prompt_tokens ?? 0),
          completion_tokens: Number(totals?.completion_tokens ?? 0),
          cached_tokens: Number(totals?.cached_tokens ?? 0),
          requests: Number(totals?.requests ?? 0),
          successful_requests: Number(totals?.successful_requests ?? 0),
        },
      };
    },
    async dailySpend(filter: { user_id?: string; team_id?: string } & Range): Promise<DailySpendRow[]> {
      const day = sql<string>`substr(start_time, 1, 10)`;
      let query = db.selectFrom('llmux_spend_logs').select((eb) => [day.as('date'), 'model_group', 'custom_llm_provider', 'api_key', ...usageSums(eb)]);
      if (filter.user_id !== undefined) query = query.where('user_id', '=', filter.user_id);
      if (filter.team_id !== undefined) query = query.where('team_id', '=', filter.team_id);
      if (filter.start_date !== undefined) query = query.where('start_time', '>=', filter.start_date.toISOString());
      if (filter.end_date !== undefined) query = query.where('start_time', '<=', filter.end_date.toISOString());
      const rows = await query.groupBy([day, 'model_group', 'custom_llm_provider', 'api_key']).orderBy(day).orderBy('model_group').orderBy('api_key').execute();
      return rows.map(dailyRow);
    },
  };
}

/** A grouped row as numbers (PostgreSQL answers sums as strings, SQLite as numbers or null). */
function dailyRow(row: {
  date: string;
  model_group: string | null;
  custom_llm_provider: string | null;
  api_key: string;
  spend: number | null;
  prompt_tokens: number | null;
  completion_tokens: number | null;
  cached_tokens: number | null;
  requests: number;
  successful_requests: number | null;
}): DailySpendRow {
  return {
    date: String(row.date),
    model_group: row.model_group,
    custom_llm_provider: row.custom_llm_provider,
    api_key: row.api_key,
    spend: Number(row.spend ?? 0),
    prompt_tokens: Number(row.prompt_tokens ?? 0),
    completion_tokens: Number(row.completion_tokens ?? 0),
    cached_tokens: Number(row.cached_tokens ?? 0),
    requests: Number(row.requests),
    successful_requests: Number(row.successful_requests ?? 0),
  };
}
