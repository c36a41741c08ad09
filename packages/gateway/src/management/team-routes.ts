// /team/new, /team/update, /team/delete, /team/info, /team/list. Admins manage teams;
// members read their team. Membership changes are in team-member-routes.ts.

import { randomUUID } from 'node:crypto';
import { NotFoundError } from 'llmux';
import { z } from 'zod';
import type { TeamRecord } from '../governance/identity.js';
import { callerUserId, canReadAll, denied, listFilterFor } from '../governance/permissions.js';
import type { Route } from '../http/route.js';
import type { Store } from '../store/store.js';
import { LIMIT_FIELD_NAMES, limitFields, limitsFromBody, presentFields } from './limit-fields-schema.js';
import type { ManagementDeps } from './management-deps.js';
import { deleteOwnedKeys } from './delete-owned-keys.js';
import { callerOf, queryOf, readAdminBody, replyJson } from './management-request.js';
import { checkTeamOrganization } from './team-organization.js';
import { renderKey, renderTeam } from './render-records.js';
import { foldGuardrailFields } from '../guardrails/fold-guardrail-fields.js';
import { withCreateDefaults } from './new-record-defaults.js';
import { foldMemberBudgetFields, teamMemberBudgetFields } from './team-member-budget-fields.js';

export const memberSchema = z.object({ user_id: z.string().min(1), role: z.enum(['admin', 'user']).default('user') });
const teamFields = {
  ...limitFields,
  ...teamMemberBudgetFields,
  team_alias: z.string().nullable().optional(),
  blocked: z.boolean().optional(),
  organization_id: z.string().min(1).nullable().optional(),
};
const teamNewSchema = z.looseObject({ ...teamFields, team_id: z.string().min(1).optional(), members_with_roles: z.array(memberSchema).optional() });
const teamUpdateSchema = z.looseObject({ ...teamFields, team_id: z.string().min(1) });
const teamDeleteSchema = z.looseObject({ team_ids: z.array(z.string().min(1)).min(1) });
const UPDATE_FIELDS = ['team_alias', 'blocked', 'models', 'metadata', 'organization_id', ...LIMIT_FIELD_NAMES] as const;

export async function loadTeam(store: Store, teamId: string): Promise<TeamRecord> {
  const team = await store.getTeam(teamId);
  if (team === undefined) throw new NotFoundError(`Team not found: ${teamId}`, { code: 'team_not_found', param: 'team_id' });
  return team;
}

export function createTeamRoutes(deps: ManagementDeps): Route[] {
  const { store, invalidation, audit } = deps;
  const now = deps.now ?? (() => new Date());
  return [
    {
      method: 'POST',
      paths: ['/team/new'],
      async handle(context) {
        const { caller, body: sent } = await readAdminBody(context, teamNewSchema, 'create teams');
        const body = withCreateDefaults(sent, deps.newTeamDefaults);
        const at = now();
        const team: TeamRecord = {
          ...limitsFromBody(body, at),
          team_id: body.team_id ?? randomUUID(),
          team_alias: body.team_alias ?? null,
          members_with_roles: body.members_with_roles ?? [],
          models: body.models ?? [],
          spend: 0,
          blocked: body.blocked ?? false,
          // LiteLLM's top-level `guardrails` / `disable_global_guardrails` live in the team's metadata.
          metadata: foldGuardrailFields(body, body.metadata) ?? body.metadata ?? {},
          created_at: at,
          updated_at: at,
        };
        team.metadata = foldMemberBudgetFields(body, team.metadata) ?? team.metadata;
        if (body.organization_id !== undefined && body.organization_id !== null) {
          await checkTeamOrganization(store, body.organization_id, team.max_budget);
          team.organization_id = body.organization_id;
        }
        await store.upsertTeam(team);
        await store.setTeamMembers(team.team_id, team.members_with_roles);
        await audit.record({ caller, action: 'created', table: 'teams', objectId: team.team_id, after: renderTeam(team) });
        replyJson(context, renderTeam(team));
      },
    },
    {
      method: 'POST',
      paths: ['/team/update'],
      async handle(context) {
        const { caller, body } = await readAdminBody(context, teamUpdateSchema, 'change teams');
        const current = await loadTeam(store, body.team_id);
        const updated: TeamRecord = { ...current, ...(presentFields(body, UPDATE_FIELDS) as Partial<TeamRecord>), updated_at: now() };
        if (body.metadata === null) updated.metadata = {};
        if (updated.organization_id !== undefined && updated.organization_id !== null) await checkTeamOrganization(store, updated.organization_id, updated.max_budget);
        const guarded = foldGuardrailFields(body, updated.metadata);
        if (guarded !== undefined) updated.metadata = guarded;
        updated.metadata = foldMemberBudgetFields(body, updated.metadata) ?? updated.metadata;
        await store.upsertTeam(updated);
        await invalidation.invalidate();
        await audit.record({ caller, action: 'updated', table: 'teams', objectId: current.team_id, before: renderTeam(current), after: renderTeam(updated) });
        replyJson(context, { team_id: updated.team_id, data: renderTeam(updated) });
      },
    },
    {
      method: 'POST',
      paths: ['/team/delete'],
      async handle(context) {
        const { caller, body } = await readAdminBody(context, teamDeleteSchema, 'delete teams');
        const teams = [];
        for (const teamId of body.team_ids) teams.push(await loadTeam(store, teamId));
        for (const team of teams) await deleteOwnedKeys(deps, caller, { team_id: team.team_id });
        await store.deleteTeams(body.team_ids);
        await invalidation.invalidate();
        for (const team of teams) await audit.record({ caller, action: 'deleted', table: 'teams', objectId: team.team_id, before: renderTeam(team) });
        replyJson(context, { deleted_teams: body.team_ids });
      },
    },
    {
      method: 'GET',
      paths: ['/team/info'],
      async handle(context) {
        const caller = callerOf(context);
        const teamId = queryOf(context).get('team_id') ?? caller.team?.team_id;
        if (teamId === undefined) throw new NotFoundError('Name the team in ?team_id=.', { code: 'team_not_found', param: 'team_id' });
        const team = await loadTeam(store, teamId);
        const self = callerUserId(caller);
        const member = team.members_with_roles.some((entry) => entry.user_id === self) || caller.key?.team_id === teamId;
        if (!canReadAll(caller) && !member) throw denied('read a team you are not in');
        const { keys } = await store.listKeys({ team_id: teamId }, { page: 1, size: 100 });
        replyJson(context, { team_id: teamId, team_info: renderTeam(team), keys: keys.map(renderKey) });
      },
    },
    {
      method: 'GET',
      paths: ['/team/list'],
      async handle(context) {
        const teams = await store.listTeams(listFilterFor(callerOf(context), 'list teams'));
        replyJson(context, teams.map(renderTeam));
      },
    },
  ];
}
