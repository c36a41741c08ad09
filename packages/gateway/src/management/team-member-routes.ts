// /team/member_add, /team/member_update (a member's role and budget) and /team/member_delete: admins and the team's own admins manage who is
// in a team and with which role. Only a proxy admin may name someone who is not a user yet
// (they become an internal user with no budget, as in LiteLLM); a team admin adds existing
// users only, so a team admin cannot conjure user ids (issue 15, finding 4). LiteLLM's
// invitation links (/invitation/*, for its UI's sign-up) are not served: an admin creates
// the user with /user/new, which answers with the user's first key.

import { z } from 'zod';
import { BadRequestError } from 'llmux';
import type { TeamMember, TeamRecord, Identity } from '../governance/identity.js';
import { NO_LIMITS } from '../governance/no-limits.js';
import { denied, isAdmin, isTeamAdmin, isViewer } from '../governance/permissions.js';
import type { RequestContext } from '../http/request-context.js';
import type { Route } from '../http/route.js';
import type { Store } from '../store/store.js';
import type { ManagementDeps } from './management-deps.js';
import { callerOf, readManagementBody, replyJson } from './management-request.js';
import { renderTeam } from './render-records.js';
import { loadTeam, memberSchema } from './team-routes.js';

/** LiteLLM's team member budget (USD on the team's keys); null clears it. Enforced by team-member-budgets/. */
const memberBudget = z.number().nonnegative().nullable().optional();
/** LiteLLM's TeamMemberAddRequest: `max_budget_in_team` applies to every member added. */
const memberAddSchema = z.looseObject({ team_id: z.string().min(1), member: z.union([memberSchema, z.array(memberSchema).min(1)]), max_budget_in_team: memberBudget });
const memberDeleteSchema = z.looseObject({ team_id: z.string().min(1), user_id: z.string().min(1) });
/** LiteLLM's TeamMemberUpdateRequest: a role, a member budget, or both. */
const memberUpdateSchema = z.looseObject({
  team_id: z.string().min(1),
  user_id: z.string().min(1),
  role: z.enum(['admin', 'user']).optional(),
  max_budget_in_team: memberBudget,
});

export function createTeamMemberRoutes(deps: ManagementDeps): Route[] {
  const { store, invalidation, audit } = deps;
  const now = deps.now ?? (() => new Date());
  /** Applies a membership change atomically, drops cached identities, and audits the members before and after. */
  const changeMembers = async (caller: Identity, team: TeamRecord, action: string, change: Parameters<Store['changeTeamMembers']>[1]): Promise<TeamMember[]> => {
    const members = await store.changeTeamMembers(team.team_id, change);
    await invalidation.invalidate();
    await audit.record({ caller, action, table: 'teams', objectId: team.team_id, before: { members_with_roles: team.members_with_roles }, after: { members_with_roles: members } });
    return members;
  };
  return [
    {
      method: 'POST',
      paths: ['/team/member_add'],
      async handle(context) {
        const { caller, body, team } = await readMemberChange(store, context, memberAddSchema, 'add members to');
        const budget = body.max_budget_in_team;
        const added = (Array.isArray(body.member) ? body.member : [body.member]).map((member) => (budget === undefined ? member : { ...member, max_budget_in_team: budget }));
        const missing: string[] = [];
        for (const member of added) if ((await store.getUser(member.user_id)) === undefined) missing.push(member.user_id);
        if (missing.length > 0 && !isAdmin(caller)) {
          throw new BadRequestError(`No such user: ${missing.join(', ')}. A proxy admin creates users (/user/new); a team admin adds existing users.`, {
            code: 'user_not_found',
            param: 'member',
          });
        }
        await createMissingUsers(store, missing, now());
        const members = await changeMembers(caller, team, 'member_added', { upsert: added });
        replyJson(context, renderTeam({ ...team, members_with_roles: members }));
      },
    },
    {
      method: 'POST',
      paths: ['/team/member_delete'],
      async handle(context) {
        const { caller, body, team } = await readMemberChange(store, context, memberDeleteSchema, 'remove members from');
        const members = await changeMembers(caller, team, 'member_deleted', { remove: [body.user_id] });
        replyJson(context, renderTeam({ ...team, members_with_roles: members }));
      },
    },
    {
      method: 'POST',
      paths: ['/team/member_update'],
      async handle(context) {
        const { caller, body, team } = await readMemberChange(store, context, memberUpdateSchema, 'change members of');
        const current = team.members_with_roles.find((member) => member.user_id === body.user_id);
        if (current === undefined)
          throw new BadRequestError(`${body.user_id} is not a member of team ${team.team_id}; add them with /team/member_add.`, { code: 'member_not_found', param: 'user_id' });
        const role = body.role ?? current.role;
        const change = body.max_budget_in_team === undefined ? { user_id: body.user_id, role } : { user_id: body.user_id, role, max_budget_in_team: body.max_budget_in_team };
        const members = await changeMembers(caller, team, 'member_updated', { upsert: [change] });
        const user = await store.getUser(body.user_id);
        const budget = members.find((member) => member.user_id === body.user_id)?.max_budget_in_team ?? null;
        replyJson(context, { team_id: team.team_id, user_id: body.user_id, user_email: user?.user_email ?? null, role, max_budget_in_team: budget });
      },
    },
  ];
}

/** Users a proxy admin named that do not exist yet: internal users with no budget, as LiteLLM makes them. */
export async function createMissingUsers(store: Store, userIds: readonly string[], at: Date): Promise<void> {
  for (const userId of userIds) {
    await store.upsertUser({
      user_id: userId,
      user_email: null,
      user_alias: null,
      user_role: 'internal_user',
      teams: [],
      models: [],
      spend: 0,
      metadata: {},
      created_at: at,
      updated_at: at,
      ...NO_LIMITS,
    });
  }
}

/** The caller, body and team of a membership change, once the caller may manage the team's members. */
async function readMemberChange<Schema extends z.ZodType<{ team_id: string }>>(
  store: Store,
  context: RequestContext,
  schema: Schema,
  action: string,
): Promise<{ caller: Identity; body: z.output<Schema>; team: TeamRecord }> {
  const caller = callerOf(context);
  const body = await readManagementBody(context, schema);
  const team = await loadTeam(store, body.team_id);
  if (!mayManageMembers(caller, team)) throw denied(`${action} team ${team.team_id}`);
  return { caller, body, team };
}

function mayManageMembers(caller: Identity, team: TeamRecord): boolean {
  return isAdmin(caller) || (!isViewer(caller) && isTeamAdmin(caller, team));
}
