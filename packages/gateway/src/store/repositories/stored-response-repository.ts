// Stored Responses: one row per Response kept, its JSON as text; expired rows read as absent
// until the retention sweep deletes them.

import type { Kysely } from 'kysely';
import type { Database, ResponsesTable } from '../database-schema.js';
import { parseJson } from '../row-codecs.js';
import type { StoredResponseRow } from '../store.js';

function fromRow(row: ResponsesTable): StoredResponseRow {
  return {
    id: row.id,
    api_key: row.api_key,
    user_id: row.user_id,
    team_id: row.team_id,
    model_group: row.model_group,
    deployment_id: row.deployment_id,
    native: row.native === 1,
    previous_response_id: row.previous_response_id,
    input_items: parseJson<unknown[]>(row.input_items, []),
    response: parseJson<Record<string, unknown>>(row.response, {}),
    created_at: new Date(row.created_at),
    expires_at: new Date(row.expires_at),
  };
}

export function createStoredResponseRepository(db: Kysely<Database>) {
  return {
    async insertStoredResponse(row: StoredResponseRow): Promise<void> {
      await db
        .insertInto('llmux_responses')
        .values({
          ...row,
          native: row.native ? 1 : 0,
          input_items: JSON.stringify(row.input_items),
          response: JSON.stringify(row.response),
          created_at: row.created_at.toISOString(),
          expires_at: row.expires_at.toISOString(),
        })
        .execute();
    },
    async getStoredResponse(id: string, now: Date): Promise<StoredResponseRow | undefined> {
      const row = await db.selectFrom('llmux_responses').selectAll().where('id', '=', id).where('expires_at', '>', now.toISOString()).executeTakeFirst();
      return row === undefined ? undefined : fromRow(row);
    },
    async deleteStoredResponse(id: string): Promise<boolean> {
      const result = await db.deleteFrom('llmux_responses').where('id', '=', id).executeTakeFirst();
      return result.numDeletedRows > 0n;
    },
    async deleteExpiredResponses(now: Date): Promise<number> {
      const result = await db.deleteFrom('llmux_responses').where('expires_at', '<=', now.toISOString()).executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}
