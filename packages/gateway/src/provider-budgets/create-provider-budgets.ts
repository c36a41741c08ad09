// Budget routing in the gateway: LiteLLM's `router_settings.provider_budget_config` and a
// deployment's `max_budget` / `budget_duration`. The routing decision is the SDK Router's
// (DeploymentBudgets, a filter before the strategy, so fallbacks and retries see it); the
// gateway supplies the spend: its counters (memory or Redis) seeded from the store at start,
// and a post hook that adds each call's cost to the budgets of the deployment that served it.

import { DeploymentBudgets } from 'llmux';
import type { Logger } from 'pino';
import type { GatewayConfig } from '../config/gateway-config.js';
import type { CallHooks } from '../core/hooks.js';
import type { Operation } from '../core/operation.js';
import type { Route } from '../http/route.js';
import type { CounterBackend } from '../limits/counter-backend.js';
import { FailoverCounterBackend } from '../limits/failover-counter-backend.js';
import { RedisCounterBackend } from '../limits/redis-counter-backend.js';
import { resolveRedisTarget } from '../limits/resolve-redis-options.js';
import { resolveRouterRedis } from '../router-state/resolve-router-redis.js';
import type { Store } from '../store/store.js';
import { CounterBudgetSpend } from './counter-budget-spend.js';
import { loadStoredBudgetSpend } from './load-stored-budget-spend.js';
import { createProviderBudgetRoute } from './provider-budget-route.js';

export interface ProviderBudgetSetup {
  /** Given to the Router (always: a deployment added later may carry a budget; none configured costs one check per call). */
  readonly budgets: DeploymentBudgets;
  hooksFor(operation: Operation, hooks: CallHooks): CallHooks;
  readonly routes: Route[];
  /** After the store is migrated: loads each budget's spend in its current period. */
  start(store: Store): Promise<void>;
  close(): Promise<void>;
}

export function createProviderBudgets(config: GatewayConfig, limitsBackend: () => CounterBackend, logger: Logger, env: NodeJS.ProcessEnv = process.env): ProviderBudgetSetup {
  const own = ownRedisBackend(config, env);
  const backend = own === undefined ? limitsBackend : () => own;
  const spend = new CounterBudgetSpend(backend, (error) => logger.warn({ err: error }, 'budget routing: the spend counters failed; routing without them'));
  const budgets = new DeploymentBudgets({ providers: config.router_settings.provider_budget_config, spend });
  spend.attach(budgets);
  const recordSpend = (state: Parameters<CallHooks['post'][number]>[0], failed: boolean): void => {
    const log = state.context.log;
    if (!failed && log.deploymentId !== undefined && log.cost !== undefined && log.cost !== null) spend.record(log.deploymentId, log.cost, Date.now());
  };
  return {
    budgets,
    hooksFor: (operation, hooks) => (operation.billed ? { pre: hooks.pre, post: [recordSpend, ...hooks.post] } : hooks),
    routes: [createProviderBudgetRoute(budgets, spend)],
    start: async (store) => {
      if (budgets.budgets().length === 0) return;
      spend.setSeeds(await loadStoredBudgetSpend(store, budgets.budgets(), Date.now()));
    },
    close: async () => {
      await own?.close();
    },
  };
}

/**
 * LiteLLM's budget-routing docs name Redis in `router_settings` (redis_host, ...). When only
 * the router has a Redis (the limits' counters are in memory), the budgets get counters of
 * their own there, so instances still share provider spend; otherwise they use the limits'.
 */
function ownRedisBackend(config: GatewayConfig, env: NodeJS.ProcessEnv): CounterBackend | undefined {
  const budgeted =
    Object.keys(config.router_settings.provider_budget_config ?? {}).length > 0 || config.model_list.some((deployment) => deployment.litellm_params['max_budget'] !== undefined);
  if (!budgeted || resolveRedisTarget(config, env) !== undefined) return undefined;
  const target = resolveRouterRedis(config, env);
  if (target === undefined) return undefined;
  return new FailoverCounterBackend(new RedisCounterBackend('url' in target ? { url: target.url } : { options: target.options }));
}
