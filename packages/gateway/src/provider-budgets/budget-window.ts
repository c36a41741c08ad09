// The current period of a routing budget. Periods align to the epoch (calendar months for
// `Nmo`), as llmux's other budgets without a stored reset time do: every instance, and a
// restarted one, agrees on the period from the clock alone. A budget without a period never resets.

import { currentBudgetPeriod, parseDuration } from '../limits/budget-period.js';

export interface BudgetWindow {
  /** Epoch ms the period started (0: the budget never resets). */
  startsAt: number;
  /** Epoch ms it ends (0: never). */
  endsAt: number;
}

export function budgetWindow(period: string, nowMs: number): BudgetWindow {
  const duration = period === '' ? null : parseDuration(period);
  if (duration === null) return { startsAt: 0, endsAt: 0 };
  const { endsAt } = currentBudgetPeriod(period, null, nowMs);
  if (duration.ms > 0) return { startsAt: endsAt - duration.ms, endsAt };
  const start = new Date(endsAt);
  start.setUTCMonth(start.getUTCMonth() - duration.months);
  return { startsAt: start.getTime(), endsAt };
}
