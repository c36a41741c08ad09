// Audit entries (`{audit_logs:[...]}` or a bare array of LiteLLM audit rows).

import { asRecord, readList, readString, readTime } from './read-fields.js';
import type { AuditRow } from './records.js';

export function readAuditLog(json: unknown): AuditRow[] {
  return readList(json, 'audit_logs', 'data', 'logs').map((item, index) => {
    const record = asRecord(item);
    return {
      id: readString(record.id) ?? String(index),
      at: readTime(record.updated_at ?? record.created_at ?? record.timestamp),
      action: readString(record.action) ?? 'unknown',
      tableName: readString(record.table_name),
      objectId: readString(record.object_id),
      changedBy: readString(record.changed_by_alias) ?? readString(record.changed_by) ?? readString(record.changed_by_api_key),
      before: record.before_value ?? null,
      after: record.updated_values ?? null,
    };
  });
}
