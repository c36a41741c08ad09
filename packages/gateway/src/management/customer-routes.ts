// /customer/* (also LiteLLM's older /end_user/* paths): end users named by a request's
// `user` field, with budgets and a blocked flag. Admins change them; admin viewers read.

import { NotFoundError } from 'llmux';
import { z } from 'zod';
import type { CustomerRecord } from '../governance/identity.js';
import { requireReadAll } from '../governance/permissions.js';
import type { Route } from '../http/route.js';
import { requireBudgetRow } from './budget-rows.js';
import { LIMIT_FIELD_NAMES, limitFields, limitsFromBody, presentFields } from './limit-fields-schema.js';
import type { ManagementDeps } from './management-deps.js';
import { callerOf, queryOf, readAdminBody, replyJson } from './management-request.js';
import { renderCustomer } from './render-records.js';

const customerFields = { ...limitFields, alias: z.string().nullable().optional(), blocked: z.boolean().optional(), budget_id: z.string().min(1).nullable().optional() };
const customerSchema = z.looseObject({ ...customerFields, user_id: z.string().min(1) });
const customerIdsSchema = z.looseObject({ user_ids: z.array(z.string().min(1)).min(1) });
const UPDATE_FIELDS = ['alias', 'blocked', 'metadata', 'budget_id', ...LIMIT_FIELD_NAMES] as const;

const paths = (action: string): string[] => [`/customer/${action}`, `/end_user/${action}`];

export function createCustomerRoutes(deps: ManagementDeps): Route[] {
  const { store, audit } = deps;
  const now = deps.now ?? (() => new Date());
  const load = async (userId: string): Promise<CustomerRecord> => {
    const customer = await store.getCustomer(userId);
    if (customer === undefined) throw new NotFoundError(`Customer not found: ${userId}`, { code: 'customer_not_found', param: 'user_id' });
    return customer;
  };
  const setBlocked = (action: 'block' | 'unblock'): Route => ({
    method: 'POST',
    paths: paths(action),
    async handle(context) {
      const { caller, body } = await readAdminBody(context, customerIdsSchema, `${action} customers`);
      const blocked = action === 'block';
      for (const userId of body.user_ids) {
        // Blocking someone not seen yet still blocks their first request.
        const current = (await store.getCustomer(userId)) ?? newCustomer({ user_id: userId }, now());
        await store.upsertCustomer({ ...current, blocked, updated_at: now() });
        await audit.record({ caller, action: `${action}ed`, table: 'customers', objectId: userId, before: { blocked: current.blocked }, after: { blocked } });
      }
      replyJson(context, { blocked_users: blocked ? body.user_ids : [], unblocked_users: blocked ? [] : body.user_ids });
    },
  });
  return [
    setBlocked('block'),
    setBlocked('unblock'),
    {
      method: 'POST',
      paths: paths('new'),
      async handle(context) {
        const { caller, body } = await readAdminBody(context, customerSchema, 'create customers');
        await requireBudgetRow(store, body.budget_id);
        const customer = newCustomer(body, now());
        if (typeof body.budget_id === 'string') customer.budget_id = body.budget_id;
        await store.upsertCustomer(customer);
        await audit.record({ caller, action: 'created', table: 'customers', objectId: customer.user_id, after: renderCustomer(customer) });
        replyJson(context, renderCustomer(customer));
      },
    },
    {
      method: 'POST',
      paths: paths('update'),
      async handle(context) {
        const { caller, body } = await readAdminBody(context, customerSchema, 'change customers');
        await requireBudgetRow(store, body.budget_id);
        const current = await load(body.user_id);
        const updated: CustomerRecord = { ...current, ...(presentFields(body, UPDATE_FIELDS) as Partial<CustomerRecord>), updated_at: now() };
        await store.upsertCustomer(updated);
        await audit.record({ caller, action: 'updated', table: 'customers', objectId: current.user_id, before: renderCustomer(current), after: renderCustomer(updated) });
        replyJson(context, renderCustomer(updated));
      },
    },
    {
      method: 'POST',
      paths: paths('delete'),
      async handle(context) {
        const { caller, body } = await readAdminBody(context, customerIdsSchema, 'delete customers');
        const customers = [];
        for (const userId of body.user_ids) customers.push(await load(userId));
        await store.deleteCustomers(body.user_ids);
        for (const customer of customers) await audit.record({ caller, action: 'deleted', table: 'customers', objectId: customer.user_id, before: renderCustomer(customer) });
        replyJson(context, { deleted_customers: body.user_ids });
      },
    },
    {
      method: 'GET',
      paths: paths('info'),
      async handle(context) {
        requireReadAll(callerOf(context), 'read customers');
        const query = queryOf(context);
        const userId = query.get('end_user_id') ?? query.get('user_id');
        if (userId === null) throw new NotFoundError('Name the customer in ?end_user_id=.', { code: 'customer_not_found', param: 'end_user_id' });
        replyJson(context, renderCustomer(await load(userId)));
      },
    },
    {
      method: 'GET',
      paths: paths('list'),
      async handle(context) {
        requireReadAll(callerOf(context), 'list customers');
        replyJson(context, (await store.listCustomers()).map(renderCustomer));
      },
    },
  ];
}

function newCustomer(
  body: { user_id: string; alias?: string | null | undefined; blocked?: boolean | undefined; metadata?: Record<string, unknown> | null | undefined } & Parameters<
    typeof limitsFromBody
  >[0],
  at: Date,
): CustomerRecord {
  return {
    ...limitsFromBody(body, at),
    user_id: body.user_id,
    alias: body.alias ?? null,
    spend: 0,
    blocked: body.blocked ?? false,
    metadata: body.metadata ?? {},
    created_at: at,
    updated_at: at,
  };
}
