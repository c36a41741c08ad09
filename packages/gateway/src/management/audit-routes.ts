// GET /audit (the path the dashboard reads) and /audit/logs: the audit log, newest first,
// filtered by action, table_name, object_id, changed_by and a date range. Admins only.

import { requireReadAll } from '../governance/permissions.js';
import type { Route } from '../http/route.js';
import type { AuditFilter } from '../store/store.js';
import type { ManagementDeps } from './management-deps.js';
import { callerOf, queryOf, replyJson } from './management-request.js';
import { copyQueryFields, parseDateRange } from './parse-date-query.js';

export function createAuditRoutes({ store }: ManagementDeps): Route[] {
  return [
    {
      method: 'GET',
      paths: ['/audit', '/audit/logs'],
      async handle(context) {
        requireReadAll(callerOf(context), 'read the audit log');
        const query = queryOf(context);
        const filter: AuditFilter = { limit: Math.min(1000, Number(query.get('limit') ?? 100) || 100), ...parseDateRange(query) };
        copyQueryFields(query, ['action', 'table_name', 'object_id', 'changed_by'], filter);
        const rows = await store.listAudit(filter);
        replyJson(context, { audit_logs: rows.map((row) => ({ ...row, created_at: row.created_at.toISOString(), updated_at: row.created_at.toISOString() })), total: rows.length });
      },
    },
  ];
}
