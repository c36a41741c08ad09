// Files and batches the gateway made (migration 6): one row per llmux id, the object as JSON
// text. markBilled flips `billed` once, so two reads of an output file bill it once.

import type { Kysely } from 'kysely';
import type { Database, FilesBatchesTable } from '../database-schema.js';
import { parseJson } from '../row-codecs.js';
import type { FileBatchRow } from '../store.js';

function fromRow(row: FilesBatchesTable): FileBatchRow {
  return {
    id: row.id,
    kind: row.kind === 'batch' ? 'batch' : 'file',
    upstream_id: row.upstream_id,
    model_group: row.model_group,
    deployment_id: row.deployment_id,
    api_key: row.api_key,
    user_id: row.user_id,
    team_id: row.team_id,
    object: parseJson<Record<string, unknown>>(row.object, {}),
    billed: row.billed === 1,
    created_at: new Date(row.created_at),
  };
}

export function createFilesBatchesRepository(db: Kysely<Database>) {
  return {
    async insertFileBatch(row: FileBatchRow): Promise<void> {
      await db
        .insertInto('llmux_files_batches')
        .values({ ...row, object: JSON.stringify(row.object), billed: row.billed ? 1 : 0, created_at: row.created_at.toISOString() })
        .execute();
    },
    async getFileBatch(id: string): Promise<FileBatchRow | undefined> {
      const row = await db.selectFrom('llmux_files_batches').selectAll().where('id', '=', id).executeTakeFirst();
      return row === undefined ? undefined : fromRow(row);
    },
    async findFileBatchByUpstream(deploymentId: string, upstreamId: string): Promise<FileBatchRow | undefined> {
      const row = await db.selectFrom('llmux_files_batches').selectAll().where('deployment_id', '=', deploymentId).where('upstream_id', '=', upstreamId).executeTakeFirst();
      return row === undefined ? undefined : fromRow(row);
    },
    async updateFileBatchObject(id: string, object: Record<string, unknown>): Promise<void> {
      await db
        .updateTable('llmux_files_batches')
        .set({ object: JSON.stringify(object) })
        .where('id', '=', id)
        .execute();
    },
    async markFileBilled(id: string): Promise<boolean> {
      const result = await db.updateTable('llmux_files_batches').set({ billed: 1 }).where('id', '=', id).where('billed', '=', 0).executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },
    async deleteFileBatch(id: string): Promise<boolean> {
      const result = await db.deleteFrom('llmux_files_batches').where('id', '=', id).executeTakeFirst();
      return result.numDeletedRows > 0n;
    },
    async listFilesBatches(filter: {
      kind: 'file' | 'batch';
      api_key?: string;
      team_id?: string;
      limit: number;
      after?: { created_at: Date; id: string };
    }): Promise<FileBatchRow[]> {
      let query = db.selectFrom('llmux_files_batches').selectAll().where('kind', '=', filter.kind);
      const { api_key: apiKey, team_id: teamId, after } = filter;
      if (apiKey !== undefined && teamId !== undefined) query = query.where((builder) => builder.or([builder('api_key', '=', apiKey), builder('team_id', '=', teamId)]));
      else if (apiKey !== undefined) query = query.where('api_key', '=', apiKey);
      if (after !== undefined) {
        // The order below is (created_at, id) descending, so the page past a row is what sorts after it.
        const at = after.created_at.toISOString();
        query = query.where((builder) => builder.or([builder('created_at', '<', at), builder.and([builder('created_at', '=', at), builder('id', '<', after.id)])]));
      }
      const rows = await query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(filter.limit).execute();
      return rows.map(fromRow);
    },
  };
}
