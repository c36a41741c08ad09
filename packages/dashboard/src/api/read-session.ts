// The caller's role, from the gateway's `/ui/session` answer or, on gateways without it,
// from `/key/info` for the caller's own key (`{key, info:{user_id, team_id, ...}}`).

import { asRecord, readString } from './read-fields.js';
import type { Role, Session } from './records.js';

const ROLES: readonly Role[] = ['proxy_admin', 'proxy_admin_viewer', 'internal_user', 'internal_user_viewer'];

export function readSession(json: unknown): Session {
  const record = asRecord(json);
  const info = asRecord(record.info);
  const source = Object.keys(info).length > 0 ? info : record;
  const role = readString(source.user_role) ?? readString(source.role);
  return {
    role: ROLES.find((known) => known === role) ?? 'unknown',
    label: readString(source.key_alias) ?? readString(source.user_id) ?? readString(source.label) ?? (role === 'proxy_admin' ? 'master key' : 'virtual key'),
    userId: readString(source.user_id),
    teamId: readString(source.team_id),
  };
}

/**
 * Key actions (create, edit, block, delete) show to admins and to internal users, who may
 * manage their own keys; viewers only read. The API decides which keys each may touch.
 */
export function canWrite(session: Session): boolean {
  return session.role === 'proxy_admin' || session.role === 'internal_user';
}

export function isAdmin(session: Session): boolean {
  return session.role === 'proxy_admin' || session.role === 'proxy_admin_viewer';
}
