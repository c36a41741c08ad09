// Routing budgets' spend in the gateway's counters: process memory by default, Redis when
// configured (the same backend as key and team budgets), so every instance skips a provider
// once any of them has spent its budget. A counter created in a period starts from the spend
// the store holds for that period (seeds, loaded at start), so a restart keeps what was spent.
// A counter outage fails open, as the other budgets do: routing goes on, the error is logged.

import type { BudgetSpendReader, DeploymentBudget, DeploymentBudgets } from 'llmux';
import type { CounterBackend, CounterUpdate, LimitCheck } from '../limits/counter-backend.js';
import { budgetWindow } from './budget-window.js';

const NOTHING: readonly number[] = Object.freeze([]);

export class CounterBudgetSpend implements BudgetSpendReader {
  /** Spend the store held at start, by scope, for the period that was current then. */
  private seeds = new Map<string, { endsAt: number; spend: number }>();
  private budgets: DeploymentBudgets | undefined;

  constructor(
    /** Read at call time: the counters are built after the Router. */
    private readonly backend: () => CounterBackend,
    private readonly onError: (error: unknown) => void,
  ) {}

  /** The budgets spend is recorded against (set once the Router's budgets exist). */
  attach(budgets: DeploymentBudgets): void {
    this.budgets = budgets;
  }

  setSeeds(seeds: Map<string, { endsAt: number; spend: number }>): void {
    this.seeds = seeds;
  }

  read(budgets: readonly DeploymentBudget[], nowMs: number): readonly number[] | Promise<readonly number[]> {
    if (budgets.length === 0) return NOTHING;
    // Budget checks that can never refuse: one atomic read of every counter, seeded when new.
    const checks = budgets.map((budget): LimitCheck => ({ kind: 'budget', limit: Number.MAX_VALUE, amount: 0, ...this.counter(budget, nowMs) }));
    try {
      const outcome = this.backend().admit(checks, nowMs);
      if (outcome instanceof Promise) {
        return outcome.then(
          (settled) => settled.values,
          (error: unknown) => this.failOpen(budgets, error),
        );
      }
      return outcome.values;
    } catch (error) {
      return this.failOpen(budgets, error);
    }
  }

  /** Adds a call's cost to the budgets of the deployment that served it. */
  record(deploymentId: string, cost: number, nowMs: number): void {
    // Every billed call passes here: with no budget configured it stops before allocating.
    if (cost <= 0 || this.budgets === undefined || this.budgets.budgets().length === 0) return;
    const budgets = this.budgets.budgetsFor(deploymentId);
    if (budgets.length === 0) return;
    const updates = budgets.map((budget): CounterUpdate => ({ delta: cost, ...this.counter(budget, nowMs) }));
    try {
      const pending = this.backend().update(updates, nowMs);
      if (pending instanceof Promise) pending.catch(this.onError);
    } catch (error) {
      this.onError(error);
    }
  }

  /** The period's counter: its key names the period, so a new period is a fresh counter. */
  private counter(budget: DeploymentBudget, nowMs: number): { key: string; seed: number; expiresAt: number } {
    const { endsAt } = budgetWindow(budget.period, nowMs);
    const stored = this.seeds.get(budget.scope);
    return { key: `spend:route_budget:${budget.scope}:${endsAt}`, seed: stored !== undefined && stored.endsAt === endsAt ? stored.spend : 0, expiresAt: endsAt };
  }

  private failOpen(budgets: readonly DeploymentBudget[], error: unknown): readonly number[] {
    this.onError(error);
    return budgets.map(() => 0);
  }
}
