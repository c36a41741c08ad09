// /team/member_add and /team/member_delete: admins and the team's own admins manage who is
// in a team and with which role. A member that is not yet a user becomes an internal user.

import { z } from 'zod';
import { denied, isAdmin, isTeamAdmin } from '../governance/permissions.js';
import type { Route } from '../http/route.js';
import type { ManagementDeps } from './management-deps.js';
import { callerOf, readManagementBody, replyJson } from './management-request.js';
import { renderTeam } from './render-records.js';
import { loadTeam, memberSchema } from './team-routes.js';

const memberAddSchema = z.looseObject({ team_id: z.string().min(1), member: z.union([memberSchema, z.array(memberSchema).min(1)]) });
const memberDeleteSchema = z.looseObject({ team_id: z.string().min(1), user_id: z.string().min(1) });

export function createTeamMemberRoutes(deps: ManagementDeps): Route[] {
  const { store, invalidation, audit } = deps;
  const now = deps.now ?? (() => new Date());
  return [
    {
      method: 'POST',
      paths: ['/team/member_add'],
      async handle(context) {
        const caller = callerOf(context);
        const body = await readManagementBody(context, memberAddSchema);
        const team = await loadTeam(store, body.team_id);
        if (!isAdmin(caller) && !isTeamAdmin(caller, team)) throw denied(`add members to team ${team.team_id}`);
        const added = Array.isArray(body.member) ? body.member : [body.member];
        const members = team.members_with_roles.filter((member) => !added.some((entry) => entry.user_id === member.user_id));
        members.push(...added);
        for (const member of added) {
          if ((await store.getUser(member.user_id)) !== undefined) continue;
          const at = now();
          await store.upsertUser({
            user_id: member.user_id, user_email: null, user_alias: null, user_role: 'internal_user', teams: [], models: [], spend: 0, metadata: {}, created_at: at, updated_at: at,
            max_budget: null, budget_duration: null, budget_reset_at: null, soft_budget: null, rpm_limit: null, tpm_limit: null, max_parallel_requests: null,
          });
        }
        await store.setTeamMembers(team.team_id, members);
        await invalidation.invalidate();
        const updated = { ...team, members_with_roles: members };
        await audit.record({ caller, action: 'member_added', table: 'teams', objectId: team.team_id, before: { members_with_roles: team.members_with_roles }, after: { members_with_roles: members } });
        replyJson(context, renderTeam(updated));
      },
    },
    {
      method: 'POST',
      paths: ['/team/member_delete'],
      async handle(context) {
        const caller = callerOf(context);
        const body = await readManagementBody(context, memberDeleteSchema);
        const team = await loadTeam(store, body.team_id);
        if (!isAdmin(caller) && !isTeamAdmin(caller, team)) throw denied(`remove members from team ${team.team_id}`);
        const members = team.members_with_roles.filter((member) => member.user_id !== body.user_id);
        await store.setTeamMembers(team.team_id, members);
        await invalidation.invalidate();
        await audit.record({ caller, action: 'member_deleted', table: 'teams', objectId: team.team_id, before: { members_with_roles: team.members_with_roles }, after: { members_with_roles: members } });
        replyJson(context, renderTeam({ ...team, members_with_roles: members }));
      },
    },
  ];
}
