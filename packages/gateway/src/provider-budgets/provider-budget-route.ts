// GET /provider/budgets (LiteLLM's): each provider budget's limit, period, spend in the
// current period and when it resets. Admins and admin viewers read it.

import type { DeploymentBudgets } from 'llmux';
import { requireReadAll } from '../governance/permissions.js';
import type { Route } from '../http/route.js';
import { callerOf, replyJson } from '../management/management-request.js';
import { budgetWindow } from './budget-window.js';
import type { CounterBudgetSpend } from './counter-budget-spend.js';

const PROVIDER_SCOPE = 'provider:';

export function createProviderBudgetRoute(budgets: DeploymentBudgets, spend: CounterBudgetSpend): Route {
  return {
    method: 'GET',
    paths: ['/provider/budgets'],
    async handle(context) {
      requireReadAll(callerOf(context), 'read provider budgets');
      const now = Date.now();
      const providers = budgets.budgets().filter((budget) => budget.scope.startsWith(PROVIDER_SCOPE));
      const values = await spend.read(providers, now);
      const report: Record<string, { budget_limit: number; time_period: string; spend: number; budget_reset_at: string | null }> = {};
      providers.forEach((budget, index) => {
        const { endsAt } = budgetWindow(budget.period, now);
        report[budget.scope.slice(PROVIDER_SCOPE.length)] = {
          budget_limit: budget.limit,
          time_period: budget.period,
          spend: values[index] ?? 0,
          budget_reset_at: endsAt === 0 ? null : new Date(endsAt).toISOString(),
        };
      });
      replyJson(context, { providers: report });
    },
  };
}
