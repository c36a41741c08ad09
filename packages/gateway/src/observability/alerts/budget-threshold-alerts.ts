// Budget threshold alerts at 80 % and 100 % of a max budget, for the budgets code to call
// after it adds a call's cost. Each threshold alerts once per entity and budget period
// (the period key goes into the de-duplication key), however many calls cross it.

import type { SendAlert } from './create-alerter.js';

export interface BudgetSpend {
  /** How alerts name the entity: `key ci-bot`, `team eng`. Never the key itself. */
  label: string;
  /** Stable id for de-duplication (key hash, team id). */
  id: string;
  spend: number;
  maxBudget: number | null;
  /** Names the budget period (e.g. its reset time), so a new period alerts again. */
  periodKey?: string;
}

const THRESHOLDS = [1, 0.8] as const;

export function createBudgetThresholdAlerts(sendAlert: SendAlert): (update: BudgetSpend) => void {
  return ({ label, id, spend, maxBudget, periodKey = '' }) => {
    if (maxBudget === null || maxBudget <= 0) return;
    const threshold = THRESHOLDS.find((share) => spend >= maxBudget * share);
    if (threshold === undefined) return;
    const percent = Math.round(threshold * 100);
    sendAlert({
      type: 'budget_threshold',
      level: threshold >= 1 ? 'critical' : 'warning',
      message: `${label} has spent ${spend.toFixed(4)} USD, ${percent}% of its ${maxBudget} USD budget`,
      // The alerter keeps each key for its repeat interval; a period key makes it per period.
      dedupeKey: `budget_threshold:${id}:${percent}:${periodKey}`,
      fields: { entity: label, spend, max_budget: maxBudget, threshold_percent: percent },
    });
  };
}
