// LiteLLM's team member budget: `max_budget_in_team` on a membership, else the team's
// `team_member_budget` (its metadata), caps what that member spends on the team's keys (a key
// with a team and an owning user) per `team_member_budget_duration` (none: no reset), beside
// the team's own budget. A pre hook on billed operations refuses a member whose spend reached the cap
// (budget_exceeded, before any upstream call); a post hook adds the call's cost. Spend lives
// in the limits' counters (memory, or Redis shared by instances); a counter starts from the
// member's spend on the team's rows in the store, so a restart keeps it. Keys without an
// owner (service accounts) have no member budget, as in LiteLLM.

import { BudgetExceededError } from 'llmux';
import { admitCallHook } from '../core/governance-hooks.js';
import type { CallHooks, PostCallHook, PreCallHook } from '../core/hooks.js';
import type { CallState, Operation } from '../core/operation.js';
import type { CounterBackend, LimitCheck } from '../limits/counter-backend.js';
import { LoadingCache } from '../limits/loading-cache.js';
import { budgetWindow } from '../provider-budgets/budget-window.js';
import type { Store } from '../store/store.js';

export interface TeamMemberBudgets {
  hooksFor(operation: Operation, hooks: CallHooks): CallHooks;
}

export function createTeamMemberBudgets(backend: () => CounterBackend, store: () => Store | undefined): TeamMemberBudgets {
  // The member's spend on the team's rows, re-read a minute after it was loaded.
  const stored = new LoadingCache<number>({
    load: async (id) => {
      const [teamId, userId, startsAt] = JSON.parse(id) as [string, string, number];
      const rows = (await store()?.dailySpend({ team_id: teamId, user_id: userId, ...(startsAt > 0 ? { start_date: new Date(startsAt) } : {}) })) ?? [];
      return rows.reduce((sum, row) => sum + row.spend, 0);
    },
    ttlMs: 60_000,
    maxEntries: 50_000,
    fallback: 0,
  });
  const admitted = new WeakMap<CallState, LimitCheck>();

  const check: PreCallHook = (state) => {
    const identity = state.context.identity;
    const team = identity?.team;
    const userId = identity?.user?.user_id ?? identity?.key?.user_id ?? undefined;
    if (team === undefined || userId === undefined) return undefined;
    const own = team.members_with_roles.find((member) => member.user_id === userId)?.max_budget_in_team;
    const teamDefault = team.metadata['team_member_budget'];
    const cap = own ?? (typeof teamDefault === 'number' ? teamDefault : undefined);
    if (cap === undefined) return undefined;
    const duration = team.metadata['team_member_budget_duration'];
    // No duration: one period that never ends (Redis forgets it after a day and re-reads the store).
    const { startsAt, endsAt } = budgetWindow(typeof duration === 'string' ? duration : '', Date.now());
    const id = JSON.stringify([team.team_id, userId, startsAt]);
    const label = `user ${userId} in team ${team.team_id}`;
    const seed = stored.get(id, Date.now());
    const admit = (spent: number) => {
      const limit: LimitCheck = { kind: 'budget', key: `spend:team_member:${id}`, limit: cap, amount: 0, seed: spent, expiresAt: endsAt };
      const outcome = backend().admit([limit], Date.now());
      return outcome instanceof Promise
        ? outcome.then((settled) => decide(state, limit, settled.refused, settled.values[0] ?? 0, label))
        : decide(state, limit, outcome.refused, outcome.values[0] ?? 0, label);
    };
    return seed instanceof Promise ? seed.then(admit) : admit(seed);
  };

  const decide = (state: CallState, limit: LimitCheck, refused: number, spent: number, label: string): undefined => {
    if (refused !== -1) throw new BudgetExceededError(`Budget exceeded for ${label}: spend ${spent} has reached max_budget_in_team ${limit.limit}.`, { param: null });
    admitted.set(state, limit);
    return undefined;
  };

  const settle: PostCallHook = (state, failed) => {
    const limit = admitted.get(state);
    const cost = state.context.log.cost;
    if (limit === undefined || failed || cost === undefined || cost === null || cost <= 0) return;
    try {
      const pending = backend().update([{ key: limit.key, delta: cost, seed: limit.seed, expiresAt: limit.expiresAt }], Date.now());
      if (pending instanceof Promise) pending.catch(() => undefined);
    } catch {
      // A counter outage fails open, as the other budgets do (call-limiter.ts).
    }
  };

  return {
    // Right after the limits' admission (the key and team budgets answer first), ahead of the
    // guardrails and the cache: a pre hook after the guardrails makes a during_call check wait
    // before the upstream call (create-guardrail-setup.ts), which this refusal-only hook must not.
    hooksFor: (operation, hooks) => {
      if (!operation.billed) return hooks;
      const pre = [...hooks.pre];
      const admit = pre.indexOf(admitCallHook);
      pre.splice(admit === -1 ? pre.length : admit + 1, 0, check);
      return { pre, post: [settle, ...hooks.post] };
    },
  };
}
