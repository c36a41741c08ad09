// Budget routing, as LiteLLM's `provider_budget_config` and a deployment's `max_budget` /
// `budget_duration` do it: a filter before the strategy (so it works with any strategy) that
// skips deployments whose provider, or which themselves, spent their budget in the current
// period. Spend comes from an injected reader: the gateway's counters (memory, or Redis shared
// by every instance), read once per call so the synchronous pick never waits.

import { BudgetExceededError } from '../errors/error-classes.js';
import { splitProviderModel } from '../providers/split-provider-model.js';
import type { ResolvedDeployment } from './deployment.js';

/** One budget a deployment counts against. */
export interface DeploymentBudget {
  /** Counter scope, shared by every deployment the budget covers: `provider:openai`, `deployment:<id>`. */
  scope: string;
  /** How a refusal names it, in LiteLLM's words. */
  label: string;
  /** USD per period. */
  limit: number;
  /** LiteLLM's duration text (`30s`, `1h`, `1d`, `30d`, `1mo`). */
  period: string;
}

export interface BudgetSpendReader {
  /** Spend of each budget in its current period, in the same order (a promise when shared counters answer). */
  read(budgets: readonly DeploymentBudget[], nowMs: number): readonly number[] | Promise<readonly number[]>;
}

export interface ProviderBudgetConfig {
  budget_limit: number;
  time_period: string;
}

export interface DeploymentBudgetsOptions {
  /** LiteLLM's `provider_budget_config`: provider id → budget. */
  providers?: Record<string, ProviderBudgetConfig> | undefined;
  spend: BudgetSpendReader;
}

/**
 * A provider budget is a routing condition, not the caller's budget: another model group (a
 * configured fallback) may still serve, so unlike the caller's budgets this one allows fallbacks.
 */
export class ProviderBudgetExceededError extends BudgetExceededError {
  constructor(message: string, group: string) {
    super(message, { model: group, code: 'budget_exceeded' });
    Object.defineProperty(this, 'fallbackAllowed', { value: true, enumerable: true });
  }
}

/** The provider a deployment bills to: `custom_llm_provider` when set, else the model's prefix. */
function deploymentProvider(deployment: ResolvedDeployment): string {
  const custom = deployment.litellm_params['custom_llm_provider'];
  return typeof custom === 'string' && custom !== '' ? custom : splitProviderModel(deployment.litellm_params.model).provider;
}

export class DeploymentBudgets {
  private readonly providers = new Map<string, DeploymentBudget>();
  private readonly ownBudgets = new Map<string, DeploymentBudget>();
  /** Deployment id → the provider it bills to. */
  private readonly providerOf = new Map<string, string>();
  /** Every budget, in a stable order (rebuilt when a deployment with its own budget comes or goes). */
  private all: DeploymentBudget[];

  constructor(private readonly options: DeploymentBudgetsOptions) {
    for (const [provider, budget] of Object.entries(options.providers ?? {})) {
      this.providers.set(provider, { scope: `provider:${provider}`, label: `provider ${provider}`, limit: budget.budget_limit, period: budget.time_period });
    }
    this.all = [...this.providers.values()];
  }

  /** Budgets of every kind, for reports (`/provider/budgets`) and the spend recorder. */
  budgets(): readonly DeploymentBudget[] {
    return this.all;
  }

  /** The budgets a call served by this deployment counts against (its provider's, then its own). */
  budgetsFor(deploymentId: string): DeploymentBudget[] {
    const found: DeploymentBudget[] = [];
    const shared = this.providers.get(this.providerOf.get(deploymentId) ?? '');
    if (shared !== undefined) found.push(shared);
    const own = this.ownBudgets.get(deploymentId);
    if (own !== undefined) found.push(own);
    return found;
  }

  /** Registers a deployment: its provider, and its own `max_budget` (with `budget_duration`, else a lifetime budget). */
  add(deployment: ResolvedDeployment): void {
    this.providerOf.set(deployment.id, deploymentProvider(deployment));
    const limit = deployment.litellm_params['max_budget'];
    if (typeof limit !== 'number') return;
    const duration = deployment.litellm_params['budget_duration'];
    this.ownBudgets.set(deployment.id, {
      scope: `deployment:${deployment.id}`,
      label: `deployment model_name: ${deployment.model_name}, litellm_params.model: ${deployment.litellm_params.model}, model_id: ${deployment.id}`,
      limit,
      period: typeof duration === 'string' ? duration : '',
    });
    this.all = [...this.providers.values(), ...this.ownBudgets.values()];
  }

  remove(deploymentId: string): void {
    this.providerOf.delete(deploymentId);
    if (this.ownBudgets.delete(deploymentId)) this.all = [...this.providers.values(), ...this.ownBudgets.values()];
  }

  /** Spend of every budget now, one read per call shared by its retries and fallbacks; undefined while there are none. */
  snapshot(nowMs: number): BudgetSnapshot | Promise<BudgetSnapshot> | undefined {
    const budgets = this.all;
    if (budgets.length === 0) return undefined;
    const spent = this.options.spend.read(budgets, nowMs);
    if (spent instanceof Promise) return spent.then((values) => new BudgetSnapshot(this, budgets, values));
    return new BudgetSnapshot(this, budgets, spent);
  }
}

export class BudgetSnapshot {
  private readonly spent = new Map<string, number>();

  constructor(
    private readonly source: DeploymentBudgets,
    budgets: readonly DeploymentBudget[],
    values: readonly number[],
  ) {
    budgets.forEach((budget, index) => this.spent.set(budget.scope, values[index] ?? 0));
  }

  /** The deployments under every budget they count against; none left is LiteLLM's "crossed budget" 429. */
  withinBudget(group: string, deployments: readonly ResolvedDeployment[]): readonly ResolvedDeployment[] {
    let kept: ResolvedDeployment[] | undefined;
    let reasons: string[] | undefined;
    deployments.forEach((deployment, index) => {
      const crossed = this.crossed(deployment);
      if (crossed === undefined) {
        kept?.push(deployment);
        return;
      }
      // Copied only once a deployment is dropped: the common case allocates nothing.
      kept ??= deployments.slice(0, index);
      reasons ??= [];
      const reason = `Exceeded budget for ${crossed.label}: ${this.spent.get(crossed.scope) ?? 0} >= ${crossed.limit}`;
      if (!reasons.includes(reason)) reasons.push(reason);
    });
    if (kept === undefined) return deployments;
    if (kept.length > 0) return kept;
    const kind = (reasons ?? []).every((reason) => reason.startsWith('Exceeded budget for provider')) ? 'crossed budget for provider' : 'crossed budget';
    throw new ProviderBudgetExceededError(`No deployments available - ${kind}: ${(reasons ?? []).join('; ')}`, group);
  }

  private crossed(deployment: ResolvedDeployment): DeploymentBudget | undefined {
    for (const budget of this.source.budgetsFor(deployment.id)) {
      if ((this.spent.get(budget.scope) ?? 0) >= budget.limit) return budget;
    }
    return undefined;
  }
}
