// Deployments added through /model/new, and the audit log of management actions.

import type { Kysely } from 'kysely';
import type { Database } from '../database-schema.js';
import { parseJson } from '../row-codecs.js';
import type { AuditFilter, AuditRecord, ModelRecord } from '../store.js';

export function createModelAuditRepository(db: Kysely<Database>) {
  return {
    async listModels(): Promise<ModelRecord[]> {
      const rows = await db.selectFrom('llmux_models').selectAll().orderBy('created_at').orderBy('model_id').execute();
      return rows.map((row) => ({
        model_id: row.model_id,
        model_name: row.model_name,
        litellm_params: parseJson(row.litellm_params, {}),
        model_info: parseJson(row.model_info, {}),
        created_by: row.created_by,
        created_at: new Date(row.created_at),
      }));
    },
    async insertModel(model: ModelRecord): Promise<void> {
      await db
        .insertInto('llmux_models')
        .values({
          model_id: model.model_id,
          model_name: model.model_name,
          litellm_params: JSON.stringify(model.litellm_params),
          model_info: JSON.stringify(model.model_info),
          created_by: model.created_by,
          created_at: model.created_at.toISOString(),
        })
        .execute();
    },
    /** Replaces a stored deployment's name, params and info (/model/update); false when there is none. */
    async updateModel(model: Omit<ModelRecord, 'created_by' | 'created_at'>): Promise<boolean> {
      const result = await db
        .updateTable('llmux_models')
        .set({ model_name: model.model_name, litellm_params: JSON.stringify(model.litellm_params), model_info: JSON.stringify(model.model_info) })
        .where('model_id', '=', model.model_id)
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },
    async deleteModel(modelId: string): Promise<boolean> {
      const result = await db.deleteFrom('llmux_models').where('model_id', '=', modelId).executeTakeFirst();
      return result.numDeletedRows > 0n;
    },
    async insertAudit(record: AuditRecord): Promise<void> {
      await db
        .insertInto('llmux_audit_log')
        .values({
          ...record,
          before_value: record.before_value === null ? null : JSON.stringify(record.before_value),
          updated_values: record.updated_values === null ? null : JSON.stringify(record.updated_values),
          created_at: record.created_at.toISOString(),
        })
        .execute();
    },
    async listAudit(filter: AuditFilter): Promise<AuditRecord[]> {
      let query = db.selectFrom('llmux_audit_log').selectAll();
      if (filter.action !== undefined) query = query.where('action', '=', filter.action);
      if (filter.table_name !== undefined) query = query.where('table_name', '=', filter.table_name);
      if (filter.object_id !== undefined) query = query.where('object_id', '=', filter.object_id);
      if (filter.changed_by !== undefined) query = query.where('changed_by', '=', filter.changed_by);
      if (filter.start_date !== undefined) query = query.where('created_at', '>=', filter.start_date.toISOString());
      if (filter.end_date !== undefined) query = query.where('created_at', '<=', filter.end_date.toISOString());
      const rows = await query
        .orderBy('created_at', 'desc')
        .orderBy('id')
        .limit(filter.limit ?? 100)
        .execute();
      return rows.map((row) => ({
        ...row,
        before_value: parseJson<Record<string, unknown> | null>(row.before_value, null),
        updated_values: parseJson<Record<string, unknown> | null>(row.updated_values, null),
        created_at: new Date(row.created_at),
      }));
    },
  };
}
