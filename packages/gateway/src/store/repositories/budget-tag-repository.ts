// LiteLLM's shared budget rows (/budget/*) and tags (/tag/*), with the running totals of
// tags and organizations kept in llmux_spend_totals.

import type { Kysely } from 'kysely';
import type { BudgetsTable, Database, TagsTable } from '../database-schema.js';
import { fromDateOrNull, parseJson, toDate, toDateOrNull } from '../row-codecs.js';
import type { BudgetRecord, TagRecord } from '../store.js';
import { upsertRow } from './upsert-row.js';

function budgetFromRow(row: BudgetsTable): BudgetRecord {
  return {
    ...row,
    budget_reset_at: toDateOrNull(row.budget_reset_at),
    model_max_budget: parseJson(row.model_max_budget, {}),
    created_at: toDate(row.created_at),
    updated_at: toDate(row.updated_at),
  };
}

function budgetToRow(budget: BudgetRecord): BudgetsTable {
  return {
    ...budget,
    budget_reset_at: fromDateOrNull(budget.budget_reset_at),
    model_max_budget: JSON.stringify(budget.model_max_budget),
    created_at: budget.created_at.toISOString(),
    updated_at: budget.updated_at.toISOString(),
  };
}

function tagFromRow(row: TagsTable): TagRecord {
  return { ...row, models: parseJson(row.models, []), created_at: toDate(row.created_at), updated_at: toDate(row.updated_at) };
}

export function createBudgetTagRepository(db: Kysely<Database>) {
  return {
    async getBudget(budgetId: string): Promise<BudgetRecord | undefined> {
      const row = await db.selectFrom('llmux_budgets').selectAll().where('budget_id', '=', budgetId).executeTakeFirst();
      return row === undefined ? undefined : budgetFromRow(row);
    },
    async listBudgets(): Promise<BudgetRecord[]> {
      return (await db.selectFrom('llmux_budgets').selectAll().orderBy('created_at').orderBy('budget_id').execute()).map(budgetFromRow);
    },
    async upsertBudget(budget: BudgetRecord): Promise<void> {
      const row = budgetToRow(budget);
      await upsertRow(db, 'llmux_budgets', row, 'budget_id', ['created_at', 'created_by']);
    },
    async deleteBudget(budgetId: string): Promise<boolean> {
      const result = await db.deleteFrom('llmux_budgets').where('budget_id', '=', budgetId).executeTakeFirst();
      return result.numDeletedRows > 0n;
    },
    async getTag(tagName: string): Promise<TagRecord | undefined> {
      const row = await db.selectFrom('llmux_tags').selectAll().where('tag_name', '=', tagName).executeTakeFirst();
      return row === undefined ? undefined : tagFromRow(row);
    },
    async listTags(): Promise<TagRecord[]> {
      return (await db.selectFrom('llmux_tags').selectAll().orderBy('tag_name').execute()).map(tagFromRow);
    },
    async upsertTag(tag: TagRecord): Promise<void> {
      const row: TagsTable = { ...tag, models: JSON.stringify(tag.models), created_at: tag.created_at.toISOString(), updated_at: tag.updated_at.toISOString() };
      await upsertRow(db, 'llmux_tags', row, 'tag_name', ['created_at', 'created_by']);
    },
    async deleteTag(tagName: string): Promise<boolean> {
      const result = await db.deleteFrom('llmux_tags').where('tag_name', '=', tagName).executeTakeFirst();
      return result.numDeletedRows > 0n;
    },
    async getEntitySpend(entity: 'tag' | 'organization', ids: readonly string[]): Promise<Record<string, number>> {
      if (ids.length === 0) return {};
      const rows = await db.selectFrom('llmux_spend_totals').select(['id', 'spend']).where('entity', '=', entity).where('id', 'in', ids).execute();
      return Object.fromEntries(rows.map((row) => [row.id, row.spend]));
    },
  };
}
