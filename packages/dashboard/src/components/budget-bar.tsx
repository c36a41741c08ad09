// Spend against budget as a bar; red once spend reaches the budget.

import { formatBudget } from '../format/format-values.js';

export function BudgetBar({ spend, maxBudget }: { spend: number; maxBudget: number | null }) {
  const share = maxBudget === null || maxBudget <= 0 ? null : Math.min(1, spend / maxBudget);
  return (
    <div className="budget">
      <span>{formatBudget(spend, maxBudget)}</span>
      {share !== null && (
        <span className={share >= 1 ? 'budget-bar budget-over' : 'budget-bar'}>
          <span style={{ width: `${Math.round(share * 100)}%` }} />
        </span>
      )}
    </div>
  );
}
