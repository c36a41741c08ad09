// What the store says each routing budget spent in its current period, read once at start so
// a restarted gateway does not hand a spent provider a fresh budget. Provider budgets sum the
// daily totals per provider (an aggregate query, cheap however many rows); a deployment's own
// budget sums its rows, at most the newest ROW_CAP of its period (noted in the README).

import type { DeploymentBudget } from 'llmux';
import type { Store } from '../store/store.js';
import { budgetWindow } from './budget-window.js';

const ROW_CAP = 50_000;
const PROVIDER_SCOPE = 'provider:';
const DEPLOYMENT_SCOPE = 'deployment:';

export async function loadStoredBudgetSpend(store: Store, budgets: readonly DeploymentBudget[], nowMs: number): Promise<Map<string, { endsAt: number; spend: number }>> {
  const seeds = new Map<string, { endsAt: number; spend: number }>();
  // Budgets sharing a period start share one query.
  const byProviderStart = new Map<number, Map<string, number>>();
  const byDeploymentStart = new Map<number, Map<string, number>>();
  for (const budget of budgets) {
    const { startsAt, endsAt } = budgetWindow(budget.period, nowMs);
    let spend = 0;
    if (budget.scope.startsWith(PROVIDER_SCOPE)) {
      const totals = await cached(byProviderStart, startsAt, () => providerTotals(store, startsAt));
      spend = totals.get(budget.scope.slice(PROVIDER_SCOPE.length)) ?? 0;
    } else if (budget.scope.startsWith(DEPLOYMENT_SCOPE)) {
      const totals = await cached(byDeploymentStart, startsAt, () => deploymentTotals(store, startsAt));
      spend = totals.get(budget.scope.slice(DEPLOYMENT_SCOPE.length)) ?? 0;
    }
    seeds.set(budget.scope, { endsAt, spend });
  }
  return seeds;
}

async function cached(memo: Map<number, Map<string, number>>, startsAt: number, load: () => Promise<Map<string, number>>): Promise<Map<string, number>> {
  let totals = memo.get(startsAt);
  if (totals === undefined) {
    totals = await load();
    memo.set(startsAt, totals);
  }
  return totals;
}

async function providerTotals(store: Store, startsAt: number): Promise<Map<string, number>> {
  const totals = new Map<string, number>();
  for (const row of await store.dailySpend({ start_date: new Date(startsAt) })) {
    if (row.custom_llm_provider !== null) totals.set(row.custom_llm_provider, (totals.get(row.custom_llm_provider) ?? 0) + row.spend);
  }
  return totals;
}

async function deploymentTotals(store: Store, startsAt: number): Promise<Map<string, number>> {
  const totals = new Map<string, number>();
  for (const row of await store.listSpendLogs({ start_date: new Date(startsAt), limit: ROW_CAP })) {
    if (row.model_id !== null) totals.set(row.model_id, (totals.get(row.model_id) ?? 0) + row.spend);
  }
  return totals;
}
