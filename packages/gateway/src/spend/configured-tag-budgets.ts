// Tag budgets declared in the config (LiteLLM's `litellm_settings.tag_budget_config`): a call
// whose tags include one of them counts against that budget and is refused once it is spent,
// exactly as a /tag/new budget is (same limiter, same 429 budget_exceeded). Built once at
// start, so a call pays one map lookup per tag and needs no store.
//
// A tag may also have a /tag/* budget row: both are enforced, each on its own counter (as on
// LiteLLM, where the router checks the config's budget and the auth checks the row's), so the
// tighter one refuses first. The counter id is prefixed so the two never share a counter,
// which would count each call's cost twice.

import type { TagBudgetConfig } from '../config/tag-budget-config-schema.js';
import type { LimitSubject } from '../limits/limit-subject.js';

export class ConfiguredTagBudgets {
  private readonly byTag = new Map<string, LimitSubject>();

  constructor(config: TagBudgetConfig) {
    for (const [tag, budget] of Object.entries(config)) {
      this.byTag.set(tag, {
        scope: 'tag',
        id: `config:${tag}`,
        label: `tag ${tag} (litellm_settings.tag_budget_config)`,
        rpm: null,
        tpm: null,
        parallel: null,
        maxBudget: budget.max_budget,
        softBudget: null,
        budgetDuration: budget.budget_duration,
        // Counted per clock-aligned period from the counters, as a /tag budget with a duration is.
        budgetResetAt: null,
        storedSpend: 0,
      });
    }
  }

  /** Adds the budgets of the call's tags (each tag once) to `subjects`. */
  addSubjects(tags: readonly string[], subjects: LimitSubject[]): void {
    for (let index = 0; index < tags.length; index += 1) {
      const subject = this.byTag.get(tags[index] as string);
      if (subject !== undefined && !subjects.includes(subject)) subjects.push(subject);
    }
  }
}
