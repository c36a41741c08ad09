// /organization/new, /update, /delete, /info, /list, /member_add, /member_update,
// /member_delete (LiteLLM's organization management). An organization owns teams (a team's
// organization_id, set by /team/new or /team/update) and has a budget row: every call by a
// key of one of its teams counts against it (spend/entity-budgets.ts). Proxy admins create,
// change and delete organizations; an organization's `org_admin` members manage its
// members; members read their organization; admin viewers read them all.

import { randomUUID } from 'node:crypto';
import { BadRequestError, NotFoundError } from 'llmux';
import { z } from 'zod';
import type { Identity } from '../governance/identity.js';
import { callerUserId, canReadAll, denied, isAdmin, isViewer, listFilterFor } from '../governance/permissions.js';
import type { RequestContext } from '../http/request-context.js';
import type { Route } from '../http/route.js';
import type { OrganizationMember, OrganizationRecord, Store } from '../store/store.js';
import { actorOf, budgetFields, newBudget, renderBudget, resolveEntityBudget } from './budget-rows.js';
import type { ManagementDeps } from './management-deps.js';
import { callerOf, queryOf, readAdminBody, readManagementBody, replyJson } from './management-request.js';
import { createMissingUsers } from './team-member-routes.js';

/** LiteLLM's roles inside an organization. */
const ORG_ROLES = ['org_admin', 'internal_user', 'internal_user_viewer'] as const;

const orgFields = {
  ...budgetFields,
  organization_alias: z.string().nullable().optional(),
  models: z.array(z.string()).optional(),
  metadata: z.record(z.string(), z.unknown()).nullable().optional(),
  // Blocking a whole organization is not enforced on calls yet: refused rather than stored and ignored.
  blocked: z.literal(false, 'blocking an organization is not supported by llmux yet; block its teams or keys').optional(),
  budget_id: z.string().min(1).nullable().optional(),
};
const orgNewSchema = z.looseObject({ ...orgFields, organization_id: z.string().min(1).optional() });
const orgUpdateSchema = z.looseObject({ ...orgFields, organization_id: z.string().min(1) });
const orgDeleteSchema = z.looseObject({ organization_ids: z.array(z.string().min(1)).min(1) });
const orgInfoSchema = z.looseObject({ organizations: z.array(z.string().min(1)).min(1) });
const orgMemberSchema = z.looseObject({ user_id: z.string().min(1), role: z.enum(ORG_ROLES).default('internal_user') });
const memberAddSchema = z.looseObject({ organization_id: z.string().min(1), member: z.union([orgMemberSchema, z.array(orgMemberSchema).min(1)]) });
const memberUpdateSchema = z.looseObject({ organization_id: z.string().min(1), user_id: z.string().min(1), role: z.enum(ORG_ROLES) });
const memberDeleteSchema = z.looseObject({ organization_id: z.string().min(1), user_id: z.string().min(1) });

export function createOrganizationRoutes(deps: ManagementDeps): Route[] {
  const { store, audit } = deps;
  const now = deps.now ?? (() => new Date());

  const create = async (context: RequestContext): Promise<void> => {
    const { caller, body } = await readAdminBody(context, orgNewSchema, 'create organizations');
    const organizationId = body.organization_id ?? randomUUID();
    if ((await store.getOrganization(organizationId)) !== undefined)
      throw new BadRequestError(`Organization ${organizationId} already exists.`, { code: 'organization_exists', param: 'organization_id' });
    const at = now();
    const organization: OrganizationRecord = {
      organization_id: organizationId,
      organization_alias: body.organization_alias ?? null,
      budget_id: await budgetOfNew(store, body, caller, at),
      models: body.models ?? [],
      metadata: body.metadata ?? {},
      blocked: body.blocked ?? false,
      created_by: actorOf(caller),
      updated_by: actorOf(caller),
      created_at: at,
      updated_at: at,
    };
    await store.upsertOrganization(organization);
    await audit.record({ caller, action: 'created', table: 'organizations', objectId: organizationId, after: organization });
    replyJson(context, await renderOrganization(store, organization));
  };

  const update = async (context: RequestContext): Promise<void> => {
    const { caller, body } = await readAdminBody(context, orgUpdateSchema, 'change organizations');
    const current = await loadOrganization(store, body.organization_id);
    const at = now();
    const updated: OrganizationRecord = {
      ...current,
      organization_alias: body.organization_alias === undefined ? current.organization_alias : body.organization_alias,
      models: body.models ?? current.models,
      metadata: body.metadata === undefined ? current.metadata : (body.metadata ?? {}),
      blocked: body.blocked ?? current.blocked,
      budget_id: await resolveEntityBudget(store, body, current.budget_id, caller, at),
      updated_by: actorOf(caller),
      updated_at: at,
    };
    await store.upsertOrganization(updated);
    await audit.record({ caller, action: 'updated', table: 'organizations', objectId: updated.organization_id, before: current, after: updated });
    replyJson(context, await renderOrganization(store, updated));
  };

  const remove = async (context: RequestContext): Promise<void> => {
    const { caller, body } = await readAdminBody(context, orgDeleteSchema, 'delete organizations');
    const organizations = [];
    for (const id of body.organization_ids) organizations.push(await renderOrganization(store, await loadOrganization(store, id)));
    await store.deleteOrganizations(body.organization_ids);
    for (const organization of organizations)
      await audit.record({ caller, action: 'deleted', table: 'organizations', objectId: String(organization['organization_id']), before: organization });
    replyJson(context, organizations);
  };

  const changeMembers = async (
    context: RequestContext,
    caller: Identity,
    organizationId: string,
    change: { upsert?: OrganizationMember[]; remove?: string[] },
    action: string,
  ): Promise<OrganizationMember[]> => {
    const organization = await loadOrganization(store, organizationId);
    const before = await store.listOrganizationMembers([organizationId]);
    if (!mayManageMembers(caller, before)) throw denied(`change the members of organization ${organizationId}`);
    const members = await store.changeOrganizationMembers(organization.organization_id, change);
    await audit.record({
      caller,
      action,
      table: 'organizations',
      objectId: organizationId,
      before: { members: before.map(renderMember) },
      after: { members: members.map(renderMember) },
    });
    return members;
  };

  const memberDelete = async (context: RequestContext): Promise<void> => {
    const caller = callerOf(context);
    const body = await readManagementBody(context, memberDeleteSchema);
    const members = await changeMembers(context, caller, body.organization_id, { remove: [body.user_id] }, 'member_deleted');
    replyJson(context, { organization_id: body.organization_id, members: members.map(renderMember) });
  };

  const memberUpdate = async (context: RequestContext): Promise<void> => {
    const caller = callerOf(context);
    const body = await readManagementBody(context, memberUpdateSchema);
    const current = (await store.listOrganizationMembers([body.organization_id])).find((member) => member.user_id === body.user_id);
    if (current === undefined)
      throw new BadRequestError(`${body.user_id} is not a member of organization ${body.organization_id}.`, { code: 'member_not_found', param: 'user_id' });
    await changeMembers(context, caller, body.organization_id, { upsert: [{ ...current, user_role: body.role, updated_at: now() }] }, 'member_updated');
    replyJson(context, { organization_id: body.organization_id, user_id: body.user_id, user_role: body.role });
  };

  return [
    { method: 'POST', paths: ['/organization/new'], handle: create },
    // LiteLLM serves update under PATCH and delete under DELETE; POST is accepted too, for clients of older LiteLLMs.
    { method: 'PATCH', paths: ['/organization/update'], handle: update },
    { method: 'POST', paths: ['/organization/update'], handle: update },
    { method: 'DELETE', paths: ['/organization/delete'], handle: remove },
    { method: 'POST', paths: ['/organization/delete'], handle: remove },
    {
      method: 'GET',
      paths: ['/organization/info'],
      async handle(context) {
        const caller = callerOf(context);
        const organizationId = queryOf(context).get('organization_id');
        if (organizationId === null || organizationId === '')
          throw new BadRequestError('Name the organization in ?organization_id=.', { code: 'missing_required_parameter', param: 'organization_id' });
        const organization = await loadOrganization(store, organizationId);
        await requireReader(store, caller, organizationId);
        replyJson(context, await renderOrganization(store, organization));
      },
    },
    {
      // LiteLLM's older form: a list of ids in, a list of organizations out.
      method: 'POST',
      paths: ['/organization/info'],
      async handle(context) {
        const caller = callerOf(context);
        const body = await readManagementBody(context, orgInfoSchema);
        const found = [];
        for (const id of body.organizations) {
          const organization = await loadOrganization(store, id);
          await requireReader(store, caller, id);
          found.push(await renderOrganization(store, organization));
        }
        replyJson(context, found);
      },
    },
    {
      method: 'GET',
      paths: ['/organization/list'],
      async handle(context) {
        const organizations = await store.listOrganizations(listFilterFor(callerOf(context), 'list organizations'));
        replyJson(context, await Promise.all(organizations.map((organization) => renderOrganization(store, organization))));
      },
    },
    {
      method: 'POST',
      paths: ['/organization/member_add'],
      async handle(context) {
        const caller = callerOf(context);
        const body = await readManagementBody(context, memberAddSchema);
        const added = Array.isArray(body.member) ? body.member : [body.member];
        const missing: string[] = [];
        for (const member of added) if ((await store.getUser(member.user_id)) === undefined) missing.push(member.user_id);
        // As /team/member_add: only a proxy admin may name someone who is not a user yet.
        if (missing.length > 0 && !isAdmin(caller)) {
          throw new BadRequestError(`No such user: ${missing.join(', ')}. A proxy admin creates users (/user/new).`, { code: 'user_not_found', param: 'member' });
        }
        await loadOrganization(store, body.organization_id);
        const at = now();
        await createMissingUsers(store, missing, at);
        const upsert = added.map((member): OrganizationMember => ({
          organization_id: body.organization_id,
          user_id: member.user_id,
          user_role: member.role,
          created_at: at,
          updated_at: at,
        }));
        const members = await changeMembers(context, caller, body.organization_id, { upsert }, 'member_added');
        const users = await Promise.all(added.map((member) => store.getUser(member.user_id)));
        replyJson(context, {
          organization_id: body.organization_id,
          updated_users: users.filter((user) => user !== undefined).map((user) => ({ user_id: user.user_id, user_email: user.user_email, user_role: user.user_role })),
          updated_organization_memberships: members.filter((member) => added.some((entry) => entry.user_id === member.user_id)).map(renderMember),
        });
      },
    },
    { method: 'PATCH', paths: ['/organization/member_update'], handle: memberUpdate },
    { method: 'POST', paths: ['/organization/member_update'], handle: memberUpdate },
    { method: 'DELETE', paths: ['/organization/member_delete'], handle: memberDelete },
    { method: 'POST', paths: ['/organization/member_delete'], handle: memberDelete },
  ];
}

/** The named budget row (which must exist), else a new one: LiteLLM gives every organization a row, empty when no field is given. */
async function budgetOfNew(store: Store, body: z.output<typeof orgNewSchema>, caller: Identity, at: Date): Promise<string> {
  if (typeof body.budget_id === 'string') return (await resolveEntityBudget(store, body, null, caller, at)) ?? body.budget_id;
  const budget = newBudget(undefined, body, caller, at);
  await store.upsertBudget(budget);
  return budget.budget_id;
}

async function loadOrganization(store: Store, organizationId: string): Promise<OrganizationRecord> {
  const organization = await store.getOrganization(organizationId);
  if (organization === undefined)
    throw new NotFoundError(`Organization not found for organization_id=${organizationId}`, { code: 'organization_not_found', param: 'organization_id' });
  return organization;
}

/** Proxy admins and the organization's own org_admins (never a viewer). */
function mayManageMembers(caller: Identity, members: readonly OrganizationMember[]): boolean {
  if (isAdmin(caller)) return true;
  if (isViewer(caller)) return false;
  const self = callerUserId(caller);
  return self !== undefined && members.some((member) => member.user_id === self && member.user_role === 'org_admin');
}

/** Admins and admin viewers read every organization; members read their own. */
async function requireReader(store: Store, caller: Identity, organizationId: string): Promise<void> {
  if (canReadAll(caller)) return;
  const self = callerUserId(caller);
  const members = await store.listOrganizationMembers([organizationId]);
  if (self === undefined || !members.some((member) => member.user_id === self)) throw denied(`read organization ${organizationId}`);
}

function renderMember(member: OrganizationMember): Record<string, unknown> {
  return { ...member, created_at: member.created_at.toISOString(), updated_at: member.updated_at.toISOString() };
}

/** LiteLLM's LiteLLM_OrganizationTableWithMembers: the row, its spend, members, teams and budget row. */
async function renderOrganization(store: Store, organization: OrganizationRecord): Promise<Record<string, unknown>> {
  const id = organization.organization_id;
  const [members, teams, spend, budget] = await Promise.all([
    store.listOrganizationMembers([id]),
    store.listTeamsOfOrganizations([id]),
    store.getEntitySpend('organization', [id]),
    organization.budget_id === null ? undefined : store.getBudget(organization.budget_id),
  ]);
  return {
    ...organization,
    spend: spend[id] ?? 0,
    created_at: organization.created_at.toISOString(),
    updated_at: organization.updated_at.toISOString(),
    members: members.map(renderMember),
    teams: teams.map((team) => ({ team_id: team.team_id })),
    litellm_budget_table: budget === undefined ? null : renderBudget(budget),
  };
}
