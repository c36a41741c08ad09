// Budget alerts, raised through the gateway's one alerter (observability/alerts): when a
// subject's spend reaches its `soft_budget`, and when it reaches 80 % and 100 % of its
// `max_budget`. Each alerts once per subject and budget period (the period key is in the
// de-duplication key, per instance); the call is never blocked and delivery is off the request path.

import type { Alert, SendAlert } from '../observability/alerts/create-alerter.js';
import type { LimitSubject } from '../limits/limit-subject.js';

export interface BudgetAlerts {
  /** Called after a call's cost is added: `spend` is the subject's spend in the period `periodKey`. */
  spendReached(subject: LimitSubject, spend: number, periodKey: string): void;
}

const THRESHOLDS = [1, 0.8] as const;

/** Alerts already raised; the alerter's own de-duplication lasts minutes, a budget period may last a month. */
const MAX_REMEMBERED = 100_000;

export function createBudgetAlerts(sendAlert: SendAlert): BudgetAlerts {
  const raised = new Set<string>();
  const once = (alert: Alert & { dedupeKey: string }): void => {
    if (raised.has(alert.dedupeKey)) return;
    if (raised.size >= MAX_REMEMBERED) raised.clear();
    raised.add(alert.dedupeKey);
    sendAlert(alert);
  };
  return {
    spendReached(subject, spend, periodKey) {
      const fields = {
        scope: subject.scope,
        id: subject.id,
        name: subject.label,
        spend,
        soft_budget: subject.softBudget,
        max_budget: subject.maxBudget,
        budget_duration: subject.budgetDuration,
      };
      if (subject.softBudget !== null && spend >= subject.softBudget) {
        once({
          type: 'soft_budget_crossed',
          level: 'warning',
          message: `soft budget reached for ${subject.label}: spend ${spend} >= soft_budget ${subject.softBudget}`,
          dedupeKey: `soft_budget_crossed:${periodKey}`,
          fields,
        });
      }
      const { maxBudget } = subject;
      if (maxBudget === null || maxBudget <= 0) return;
      const threshold = THRESHOLDS.find((share) => spend >= maxBudget * share);
      if (threshold === undefined) return;
      const percent = Math.round(threshold * 100);
      once({
        type: 'budget_threshold',
        level: threshold >= 1 ? 'critical' : 'warning',
        message: `${subject.label} has spent ${spend.toFixed(4)} USD, ${percent}% of its ${maxBudget} USD budget`,
        dedupeKey: `budget_threshold:${periodKey}:${percent}`,
        fields: { ...fields, threshold_percent: percent },
      });
    },
  };
}
