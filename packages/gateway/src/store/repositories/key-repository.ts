// Virtual keys, looked up by the sha256 of the key. Updates never write `spend` unless
// asked, so a management edit cannot overwrite spend the writer added meanwhile.

import type { Kysely } from 'kysely';
import type { KeyRecord } from '../../governance/identity.js';
import type { Database } from '../database-schema.js';
import { keyFromRow, keyToRow } from '../row-codecs.js';
import type { ListPage } from '../store.js';

export function createKeyRepository(db: Kysely<Database>) {
  const findKeyByToken = async (token: string): Promise<KeyRecord | undefined> => {
    const row = await db.selectFrom('llmux_keys').selectAll().where('token', '=', token).executeTakeFirst();
    return row === undefined ? undefined : keyFromRow(row);
  };
  return {
    findKeyByToken,
    async insertKey(key: KeyRecord): Promise<void> {
      await db.insertInto('llmux_keys').values(keyToRow(key)).execute();
    },
    async updateKey(token: string, changes: Partial<KeyRecord>): Promise<KeyRecord | undefined> {
      const current = await findKeyByToken(token);
      if (current === undefined) return undefined;
      const merged: KeyRecord = { ...current, ...changes, token, updated_at: new Date() };
      const { spend, token: _token, created_at: _created, ...row } = keyToRow(merged);
      await db
        .updateTable('llmux_keys')
        .set('spend' in changes ? { ...row, spend } : row)
        .where('token', '=', token)
        .execute();
      return merged;
    },
    async replaceKeyToken(oldToken: string, newToken: string, keyName: string): Promise<KeyRecord | undefined> {
      const result = await db
        .updateTable('llmux_keys')
        .set({ token: newToken, key_name: keyName, updated_at: new Date().toISOString() })
        .where('token', '=', oldToken)
        .executeTakeFirst();
      return result.numUpdatedRows === 0n ? undefined : findKeyByToken(newToken);
    },
    async deleteKeys(tokens: readonly string[]): Promise<number> {
      if (tokens.length === 0) return 0;
      const result = await db.deleteFrom('llmux_keys').where('token', 'in', tokens).executeTakeFirst();
      return Number(result.numDeletedRows);
    },
    async listKeys(filter: { user_id?: string; team_id?: string; key_alias?: string }, page: ListPage): Promise<{ keys: KeyRecord[]; total: number }> {
      let query = db.selectFrom('llmux_keys');
      if (filter.user_id !== undefined) query = query.where('user_id', '=', filter.user_id);
      if (filter.team_id !== undefined) query = query.where('team_id', '=', filter.team_id);
      if (filter.key_alias !== undefined) query = query.where('key_alias', '=', filter.key_alias);
      const count = await query.select((builder) => builder.fn.countAll<number>().as('total')).executeTakeFirst();
      const rows = await query
        .selectAll()
        .orderBy('created_at', 'desc')
        .orderBy('token')
        .limit(page.size)
        .offset((page.page - 1) * page.size)
        .execute();
      return { keys: rows.map(keyFromRow), total: Number(count?.total ?? 0) };
    },
  };
}
