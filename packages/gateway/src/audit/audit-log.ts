// The audit log of management actions: who (master key, or a virtual key by hash and
// alias), what, on which object, before and after (secrets removed), when. Written before
// the reply, so an action that answered is always on record.

import { randomUUID } from 'node:crypto';
import type { Identity } from '../governance/identity.js';
import type { Store } from '../store/store.js';
import { redactSecrets } from './redact-secrets.js';

interface AuditEntry {
  caller: Identity;
  /** `created`, `updated`, `deleted`, `blocked`, `unblocked`, `regenerated`, `member_added`, ... */
  action: string;
  /** `keys`, `users`, `teams`, `customers`, `models`. */
  table: string;
  objectId: string;
  before?: unknown;
  after?: unknown;
}

export interface AuditLog {
  record(entry: AuditEntry): Promise<void>;
}

export function createAuditLog(store: Store, now: () => Date = () => new Date()): AuditLog {
  return {
    async record(entry) {
      const { caller } = entry;
      await store.insertAudit({
        id: randomUUID(),
        changed_by: caller.kind === 'master' ? 'master_key' : (caller.key?.token ?? 'unknown'),
        changed_by_alias: caller.kind === 'master' ? 'master_key' : (caller.key?.key_alias ?? caller.user?.user_id ?? caller.key?.key_name ?? null),
        action: entry.action,
        table_name: entry.table,
        object_id: entry.objectId,
        before_value: asObject(entry.before),
        updated_values: asObject(entry.after),
        created_at: now(),
      });
    },
  };
}

function asObject(value: unknown): Record<string, unknown> | null {
  if (value === undefined || value === null) return null;
  // Through JSON so Dates become text and the row holds plain data only.
  const plain: unknown = JSON.parse(JSON.stringify(redactSecrets(value)));
  return plain !== null && typeof plain === 'object' && !Array.isArray(plain) ? (plain as Record<string, unknown>) : { value: plain };
}
