// Budget resets noticed on the request path: a subject whose stored `budget_reset_at` has
// passed gets its stored spend zeroed (and the next reset time set) through the spend
// writer. Its counter already starts from 0, since counters are named by period.

import { currentBudgetPeriod } from '../limits/budget-period.js';
import type { LimitSubject } from '../limits/limit-subject.js';
import type { SpendLogWriter } from './spend-log-writer.js';

export function scheduleLazyResets(subjects: readonly LimitSubject[], nowMs: number, writer: SpendLogWriter): void {
  for (const subject of subjects) {
    const resetAt = subject.budgetResetAt;
    if (resetAt === null || subject.budgetDuration === null || nowMs < resetAt.getTime()) continue;
    const period = currentBudgetPeriod(subject.budgetDuration, resetAt, nowMs);
    const next = period.endsAt === 0 ? null : new Date(period.endsAt);
    if (subject.scope === 'key_model') {
      const colon = subject.id.indexOf(':');
      writer.enqueueReset('key_model', subject.id.slice(0, colon), next, subject.id.slice(colon + 1));
    } else writer.enqueueReset(subject.scope, subject.id, next);
  }
}
