// Who may do what in the management API (the rules, with LiteLLM's roles; the table in
// management/README.md "Roles" says the same in prose, roles-matrix.test.ts holds each cell).
// proxy_admin: everything. Viewers (proxy_admin_viewer, internal_user_viewer) never write,
// whatever their team role. internal_user: their own personal keys. A team admin: the team's
// keys and members; a team member reads them. Nobody but a proxy admin or the user themself
// may make a key that bills a user.

import { PermissionDeniedError } from 'llmux';
import type { Identity, KeyRecord, TeamRecord } from './identity.js';

export function callerUserId(caller: Identity): string | undefined {
  return caller.user?.user_id ?? caller.key?.user_id ?? undefined;
}

export function isAdmin(caller: Identity): boolean {
  return caller.role === 'proxy_admin';
}

export function canReadAll(caller: Identity): boolean {
  return caller.role === 'proxy_admin' || caller.role === 'proxy_admin_viewer';
}

/** Read-only roles: LiteLLM lets them log in and look, never create, change or delete. */
export function isViewer(caller: Identity): boolean {
  return caller.role === 'proxy_admin_viewer' || caller.role === 'internal_user_viewer';
}

export function isTeamMember(caller: Identity, team: TeamRecord | undefined): boolean {
  const userId = callerUserId(caller);
  return team !== undefined && userId !== undefined && team.members_with_roles.some((member) => member.user_id === userId);
}

export function isTeamAdmin(caller: Identity, team: TeamRecord | undefined): boolean {
  const userId = callerUserId(caller);
  return team !== undefined && userId !== undefined && team.members_with_roles.some((member) => member.user_id === userId && member.role === 'admin');
}

/**
 * May read a key: admins and admin viewers; its user; members of its team (LiteLLM's default
 * team-member permission is /key/info); and the key itself, even one without a user.
 */
export function mayReadKey(caller: Identity, key: KeyRecord, team: TeamRecord | undefined): boolean {
  if (canReadAll(caller) || caller.key?.token === key.token) return true;
  const userId = callerUserId(caller);
  return (userId !== undefined && key.user_id === userId) || isTeamMember(caller, team);
}

/**
 * May change or delete a key owned by `owner` in `team` (limits, models, alias; not who it
 * bills). A team's keys are its admins' to manage, their members' own included: LiteLLM's
 * default team-member permissions are /key/info and /key/health only (its per-team
 * `team_member_permissions` is not served, so the default holds).
 */
export function mayWrite(caller: Identity, owner: string | null, team: TeamRecord | undefined): boolean {
  if (isAdmin(caller)) return true;
  if (isViewer(caller)) return false;
  if (team !== undefined) return isTeamAdmin(caller, team);
  const userId = callerUserId(caller);
  return userId !== undefined && owner === userId;
}

/**
 * May make a key bill `userId` (create it, point it at the user, or receive its new secret):
 * only a proxy admin or that user. A team admin's reach is the team's budget, never a
 * member's own (issue 15, finding 4). `null` bills no user.
 */
export function mayBillUser(caller: Identity, userId: string | null): boolean {
  if (userId === null || isAdmin(caller)) return true;
  return !isViewer(caller) && callerUserId(caller) === userId;
}

/** May block or unblock a key: what an admin blocked, its user may not unblock. */
export function mayBlock(caller: Identity, team: TeamRecord | undefined): boolean {
  return isAdmin(caller) || (!isViewer(caller) && isTeamAdmin(caller, team));
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

/**
 * Whose records a list shows (teams, organizations): all of them to an admin or admin
 * viewer, else the caller's own; a caller with no user id has none and is refused.
 */
export function listFilterFor(caller: Identity, action: string): { user_id?: string } {
  if (canReadAll(caller)) return {};
  const self = callerUserId(caller);
  if (self === undefined) throw denied(action);
  return { user_id: self };
}
