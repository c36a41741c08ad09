// /budget/new, /budget/update, /budget/info, /budget/list, /budget/settings, /budget/delete:
// LiteLLM's shared budget rows. Proxy admins write them; admins and admin viewers read
// them (LiteLLM's _user_has_admin_view); nobody else sees them.

import { BadRequestError, NotFoundError } from 'llmux';
import { z } from 'zod';
import { requireReadAll } from '../governance/permissions.js';
import type { Route } from '../http/route.js';
import { budgetFields, changedBudget, newBudget, renderBudget } from './budget-rows.js';
import type { ManagementDeps } from './management-deps.js';
import { callerOf, queryOf, readAdminBody, readManagementBody, replyJson } from './management-request.js';

const budgetNewSchema = z.looseObject({ ...budgetFields, budget_id: z.string().min(1).optional() });
const budgetUpdateSchema = z.looseObject({ ...budgetFields, budget_id: z.string().min(1, 'budget_id is required') });
const budgetInfoSchema = z.looseObject({ budgets: z.array(z.string().min(1)) });
const budgetDeleteSchema = z.looseObject({ id: z.string().min(1) });

/** The fields /budget/settings describes, with LiteLLM's type names. */
const SETTINGS: ReadonlyArray<[field: string, type: string, description: string]> = [
  ['max_parallel_requests', 'Integer', 'Max concurrent requests allowed for this budget id.'],
  ['tpm_limit', 'Integer', 'Max tokens per minute allowed for this budget id.'],
  ['rpm_limit', 'Integer', 'Max requests per minute allowed for this budget id.'],
  ['budget_duration', 'String', 'Max duration budget should be set for (e.g. 1hr, 1d, 28d)'],
  ['max_budget', 'Float', 'Requests will fail if this budget (in USD) is exceeded.'],
  ['soft_budget', 'Float', 'Requests will NOT fail if this is exceeded. Will fire alerting though.'],
  ['model_max_budget', 'Object', 'Max budget per model for this budget id.'],
];

export function createBudgetRoutes(deps: ManagementDeps): Route[] {
  const { store, audit } = deps;
  const now = deps.now ?? (() => new Date());
  return [
    {
      method: 'POST',
      paths: ['/budget/new'],
      async handle(context) {
        const { caller, body } = await readAdminBody(context, budgetNewSchema, 'create budgets');
        if (body.budget_id !== undefined && (await store.getBudget(body.budget_id)) !== undefined) {
          // LiteLLM answers 400 here (not 409): clients that check for it keep working.
          throw new BadRequestError(`Budget with id '${body.budget_id}' already exists.`, { code: 'budget_exists', param: 'budget_id' });
        }
        const budget = newBudget(body.budget_id, body, caller, now());
        await store.upsertBudget(budget);
        await audit.record({ caller, action: 'created', table: 'budgets', objectId: budget.budget_id, after: renderBudget(budget) });
        replyJson(context, renderBudget(budget));
      },
    },
    {
      method: 'POST',
      paths: ['/budget/update'],
      async handle(context) {
        const { caller, body } = await readAdminBody(context, budgetUpdateSchema, 'change budgets');
        const current = await store.getBudget(body.budget_id);
        if (current === undefined) throw budgetNotFound(body.budget_id);
        const updated = changedBudget(current, body, caller, now());
        await store.upsertBudget(updated);
        await audit.record({ caller, action: 'updated', table: 'budgets', objectId: updated.budget_id, before: renderBudget(current), after: renderBudget(updated) });
        replyJson(context, renderBudget(updated));
      },
    },
    {
      method: 'POST',
      paths: ['/budget/info'],
      async handle(context) {
        requireReadAll(callerOf(context), 'read budgets');
        const body = await readManagementBody(context, budgetInfoSchema);
        if (body.budgets.length === 0) throw new BadRequestError("Specify list of budget id's to query.", { code: 'missing_required_parameter', param: 'budgets' });
        const wanted = new Set(body.budgets);
        replyJson(context, (await store.listBudgets()).filter((budget) => wanted.has(budget.budget_id)).map(renderBudget));
      },
    },
    {
      method: 'GET',
      paths: ['/budget/list'],
      async handle(context) {
        requireReadAll(callerOf(context), 'list budgets');
        replyJson(context, (await store.listBudgets()).map(renderBudget));
      },
    },
    {
      method: 'GET',
      paths: ['/budget/settings'],
      async handle(context) {
        requireReadAll(callerOf(context), 'read budget settings');
        const budgetId = queryOf(context).get('budget_id');
        if (budgetId === null || budgetId === '') throw new BadRequestError('Name the budget in ?budget_id=.', { code: 'missing_required_parameter', param: 'budget_id' });
        const budget = await store.getBudget(budgetId);
        const values: Record<string, unknown> = budget === undefined ? {} : renderBudget(budget);
        replyJson(
          context,
          SETTINGS.map(([field, type, description]) => ({
            field_name: field,
            field_type: type,
            field_description: description,
            field_value: values[field] ?? null,
            stored_in_db: true,
            field_default_value: null,
          })),
        );
      },
    },
    {
      method: 'POST',
      paths: ['/budget/delete'],
      async handle(context) {
        const { caller, body } = await readAdminBody(context, budgetDeleteSchema, 'delete budgets');
        const current = await store.getBudget(body.id);
        if (current === undefined || !(await store.deleteBudget(body.id))) throw budgetNotFound(body.id);
        await audit.record({ caller, action: 'deleted', table: 'budgets', objectId: body.id, before: renderBudget(current) });
        replyJson(context, renderBudget(current));
      },
    },
  ];
}

function budgetNotFound(budgetId: string): NotFoundError {
  return new NotFoundError(`Budget not found: ${budgetId}`, { code: 'budget_not_found', param: 'budget_id' });
}
