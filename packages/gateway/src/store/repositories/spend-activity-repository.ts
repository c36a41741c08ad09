// Spend reports read from the spend-log rows: per request tag (/spend/tags) and per day,
// model group and key (/user/daily/activity, /team/daily/activity).

import { sql, type Kysely } from 'kysely';
import type { Database } from '../database-schema.js';
import { parseJson } from '../row-codecs.js';
import type { DailySpendRow } from '../store.js';

type Range = { start_date?: Date; end_date?: Date };

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
    async dailySpend(filter: { user_id?: string; team_id?: string } & Range): Promise<DailySpendRow[]> {
      const day = sql<string>`substr(start_time, 1, 10)`;
      let query = db
        .selectFrom('llmux_spend_logs')
        .select((eb) => [
          day.as('date'),
          'model_group',
          'custom_llm_provider',
          'api_key',
          eb.fn.sum<number>('spend').as('spend'),
          eb.fn.sum<number>('prompt_tokens').as('prompt_tokens'),
          eb.fn.sum<number>('completion_tokens').as('completion_tokens'),
          eb.fn.sum<number>('cached_tokens').as('cached_tokens'),
          eb.fn.countAll<number>().as('requests'),
          eb.fn.sum<number>(sql`case when status = 'success' then 1 else 0 end`).as('successful_requests'),
        ]);
      if (filter.user_id !== undefined) query = query.where('user_id', '=', filter.user_id);
      if (filter.team_id !== undefined) query = query.where('team_id', '=', filter.team_id);
      if (filter.start_date !== undefined) query = query.where('start_time', '>=', filter.start_date.toISOString());
      if (filter.end_date !== undefined) query = query.where('start_time', '<=', filter.end_date.toISOString());
      const rows = await query.groupBy([day, 'model_group', 'custom_llm_provider', 'api_key']).orderBy(day).orderBy('model_group').orderBy('api_key').execute();
      return rows.map((row) => ({
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
      }));
    },
  };
}
