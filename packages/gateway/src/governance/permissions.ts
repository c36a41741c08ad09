// Who may do what in the management API. proxy_admin: everything. proxy_admin_viewer:
// read everything. internal_user: read and change their own keys. internal_user_viewer:
// read their own. A team admin: read and change the team's keys and members.

import { PermissionDeniedError } from 'llmux';
import type { Identity, TeamRecord } from './identity.js';

export function callerUserId(caller: Identity): string | undefined {
  return caller.user?.user_id ?? caller.key?.user_id ?? undefined;
}

export function isAdmin(caller: Identity): boolean {
  return caller.role === 'proxy_admin';
}

export function canReadAll(caller: Identity): boolean {
  return caller.role === 'proxy_admin' || caller.role === 'proxy_admin_viewer';
}

export function isTeamAdmin(caller: Identity, team: TeamRecord | undefined): boolean {
  const userId = callerUserId(caller);
  return team !== undefined && userId !== undefined && team.members_with_roles.some((member) => member.user_id === userId && member.role === 'admin');
}

/** What the caller may do with an object owned by `owner` (a user id) in `team`. */
export function mayRead(caller: Identity, owner: string | null, team: TeamRecord | undefined): boolean {
  if (canReadAll(caller)) return true;
  const userId = callerUserId(caller);
  return (userId !== undefined && owner === userId) || isTeamAdmin(caller, team);
}

export function mayWrite(caller: Identity, owner: string | null, team: TeamRecord | undefined): boolean {
  if (isAdmin(caller)) return true;
  if (isTeamAdmin(caller, team)) return true;
  const userId = callerUserId(caller);
  return caller.role === 'internal_user' && userId !== undefined && owner === userId;
}

export function denied(action: string): PermissionDeniedError {
  return new PermissionDeniedError(`You are not allowed to ${action}.`, { code: 'permission_denied' });
}

export function requireAdmin(caller: Identity, action: string): void {
  if (!isAdmin(caller)) throw denied(action);
}

export function requireReadAll(caller: Identity, action: string): void {
  if (!canReadAll(caller)) throw denied(action);
}
