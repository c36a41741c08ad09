// LiteLLM's budget rows as the routes use them: the body fields that make one, building or
// changing a row from them, and the row as LiteLLM renders it. Tags and organizations name
// a row in budget_id; given budget fields and no budget_id, they get a row of their own
// (LiteLLM's handle_budget_for_entity).

import { randomUUID } from 'node:crypto';
import { BadRequestError } from 'llmux';
import { z } from 'zod';
import type { Identity } from '../governance/identity.js';
import { callerUserId, denied, isAdmin } from '../governance/permissions.js';
import type { BudgetRecord, Store } from '../store/store.js';
import { LIMIT_FIELD_NAMES, limitFields, limitsFromBody, presentFields } from './limit-fields-schema.js';

export const budgetFields = {
  max_budget: limitFields.max_budget,
  soft_budget: limitFields.soft_budget,
  budget_duration: limitFields.budget_duration,
  rpm_limit: limitFields.rpm_limit,
  tpm_limit: limitFields.tpm_limit,
  max_parallel_requests: limitFields.max_parallel_requests,
  model_max_budget: z.record(z.string(), z.unknown()).nullable().optional(),
};

export type BudgetFields = { [field in keyof typeof budgetFields]?: z.output<(typeof budgetFields)[field]> };

const BUDGET_FIELD_NAMES = [...LIMIT_FIELD_NAMES, 'model_max_budget'] as const;

/** Who LiteLLM records as created_by/updated_by: the caller's user, or the admin name. */
export function actorOf(caller: Identity): string {
  return callerUserId(caller) ?? 'default_user_id';
}

function hasBudgetFields(body: BudgetFields): boolean {
  return BUDGET_FIELD_NAMES.some((field) => body[field] !== undefined && body[field] !== null);
}

export function newBudget(budgetId: string | undefined, body: BudgetFields, caller: Identity, at: Date): BudgetRecord {
  const limits = limitsFromBody(body, at);
  return {
    budget_id: budgetId ?? randomUUID(),
    max_budget: limits.max_budget,
    soft_budget: limits.soft_budget,
    budget_duration: limits.budget_duration,
    budget_reset_at: limits.budget_reset_at,
    rpm_limit: limits.rpm_limit,
    tpm_limit: limits.tpm_limit,
    max_parallel_requests: limits.max_parallel_requests,
    model_max_budget: body.model_max_budget ?? {},
    created_by: actorOf(caller),
    updated_by: actorOf(caller),
    created_at: at,
    updated_at: at,
  };
}

/** The row with the fields the body gives changed (a new duration starts a new period now). */
export function changedBudget(current: BudgetRecord, body: BudgetFields, caller: Identity, at: Date): BudgetRecord {
  const changes = presentFields(body, BUDGET_FIELD_NAMES);
  const fresh = newBudget(current.budget_id, body, caller, at);
  return {
    ...current,
    ...changes,
    ...(changes.budget_duration === undefined ? {} : { budget_reset_at: fresh.budget_reset_at }),
    model_max_budget: changes.model_max_budget ?? current.model_max_budget,
    updated_by: actorOf(caller),
    updated_at: at,
  } as BudgetRecord;
}

/**
 * The budget_id an entity ends up with: the one named (which must exist), else its current
 * row changed by the body's fields, else a new row when the body gives any.
 */
export async function resolveEntityBudget(
  store: Store,
  body: BudgetFields & { budget_id?: string | null | undefined },
  current: string | null,
  caller: Identity,
  at: Date,
): Promise<string | null> {
  if (typeof body.budget_id === 'string') {
    if ((await store.getBudget(body.budget_id)) === undefined) throw new BadRequestError(`Budget not found: ${body.budget_id}`, { code: 'budget_not_found', param: 'budget_id' });
    return body.budget_id;
  }
  if (!hasBudgetFields(body)) return body.budget_id === null ? null : current;
  const existing = current === null ? undefined : await store.getBudget(current);
  const row = existing === undefined ? newBudget(undefined, body, caller, at) : changedBudget(existing, body, caller, at);
  await store.upsertBudget(row);
  return row.budget_id;
}

/**
 * A budget_id a key or customer names must be a budget row (400 otherwise); null clears it.
 * Only a proxy admin attaches or detaches one: detaching would lift limits the row sets.
 */
export async function requireBudgetRow(store: Store, budgetId: string | null | undefined, caller?: Identity): Promise<void> {
  if (budgetId !== undefined && caller !== undefined && !isAdmin(caller)) throw denied('attach or detach budget rows (a proxy admin does)');
  if (typeof budgetId === 'string' && (await store.getBudget(budgetId)) === undefined)
    throw new BadRequestError(`Budget not found: ${budgetId}`, { code: 'budget_not_found', param: 'budget_id' });
}

export function renderBudget(budget: BudgetRecord): Record<string, unknown> {
  return { ...budget, budget_reset_at: budget.budget_reset_at?.toISOString() ?? null, created_at: budget.created_at.toISOString(), updated_at: budget.updated_at.toISOString() };
}
