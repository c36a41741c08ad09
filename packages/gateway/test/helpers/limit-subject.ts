// A key subject with no limits, for tests of the limits engine; each test sets the limits
// it is about. The id is fresh per call so counters never carry over between tests.

import type { LimitSubject } from '../../src/limits/limit-subject.js';

export function subject(overrides: Partial<LimitSubject>): LimitSubject {
  return {
    scope: 'key',
    id: `k${Math.random()}`,
    label: 'key test',
    rpm: null,
    tpm: null,
    parallel: null,
    maxBudget: null,
    softBudget: null,
    budgetDuration: null,
    budgetResetAt: null,
    storedSpend: 0,
    ...overrides,
  };
}
