// Picks the deployment for one attempt: drops what cannot serve it (tags, cooldown,
// `max_parallel_requests`, pre-call checks, deployments that already failed this call when
// others remain), keeps the best `order` tier, and lets the strategy choose among the rest.
// When nothing is left, the error says why: a cooling group is a 429 with retry-after.

import { BadRequestError, ContextWindowExceededError, RateLimitError } from '../errors/error-classes.js';
import type { ResolvedDeployment } from './deployment.js';
import { filterByTags } from './filter-by-tags.js';
import { preCallCheck, type PreCallRejection } from './pre-call-checks.js';
import type { RoutingStrategy, StrategyContext } from './strategies/routing-strategy.js';

export interface PickInput extends StrategyContext {
  group: string;
  strategy: RoutingStrategy;
  tagFiltering: boolean;
  tags: readonly string[] | undefined;
  preCallChecks: boolean;
  promptTokens: () => number;
  /** Deployments that already failed this call: used again only when nothing else is left. */
  avoid: ReadonlySet<string> | undefined;
}

export function pickDeployment(deployments: readonly ResolvedDeployment[], input: PickInput): ResolvedDeployment {
  const { store, nowMs } = input;
  const tagged = input.tagFiltering ? filterByTags(deployments, input.tags) : deployments;
  if (tagged.length === 0) {
    throw new BadRequestError(`no deployment of "${input.group}" serves the tags ${JSON.stringify(input.tags ?? [])}`, {
      model: input.group,
      code: 'no_deployment_for_tags',
    });
  }
  const coolingDown = store.hasCooldowns(nowMs);
  let soonestEnd = Number.POSITIVE_INFINITY;
  let rejection: PreCallRejection | 'busy' | 'cooldown' | undefined;
  const healthy: ResolvedDeployment[] = [];
  for (const deployment of tagged) {
    const until = coolingDown ? store.cooldownUntil(deployment.id, nowMs) : undefined;
    if (until !== undefined) {
      soonestEnd = Math.min(soonestEnd, until);
      rejection ??= 'cooldown';
      continue;
    }
    const maxParallel = deployment.litellm_params['max_parallel_requests'];
    if (typeof maxParallel === 'number' && store.inFlight(deployment.id) >= maxParallel) {
      rejection = 'busy';
      continue;
    }
    const failedCheck = input.preCallChecks ? preCallCheck(deployment, input) : undefined;
    if (failedCheck !== undefined) {
      rejection = failedCheck;
      continue;
    }
    healthy.push(deployment);
  }
  if (healthy.length === 0) throw noDeploymentError(input.group, rejection, soonestEnd, nowMs);
  const fresh = input.avoid === undefined || input.avoid.size === 0 ? healthy : healthy.filter((deployment) => !input.avoid?.has(deployment.id));
  const pool = fresh.length > 0 ? fresh : healthy;
  return input.strategy(bestTier(pool), input);
}

/** Deployments with the lowest `order` (LiteLLM's priority tiers; unset ranks after any set). */
function bestTier(pool: ResolvedDeployment[]): ResolvedDeployment[] {
  let best = Number.POSITIVE_INFINITY;
  for (const deployment of pool) best = Math.min(best, orderOf(deployment));
  if (best === Number.POSITIVE_INFINITY) return pool;
  return pool.filter((deployment) => orderOf(deployment) === best);
}

function orderOf(deployment: ResolvedDeployment): number {
  const order = deployment.litellm_params['order'];
  return typeof order === 'number' ? order : Number.POSITIVE_INFINITY;
}

function noDeploymentError(group: string, rejection: PreCallRejection | 'busy' | 'cooldown' | undefined, soonestEnd: number, nowMs: number): Error {
  switch (rejection) {
    case 'context_window':
      return new ContextWindowExceededError(`the prompt exceeds the context window of every deployment of "${group}"`, { model: group });
    case 'cooldown':
      return new RateLimitError(`every deployment of "${group}" is cooling down after failures`, {
        model: group,
        code: 'no_healthy_deployments',
        retryAfterSeconds: Math.max(0.001, (soonestEnd - nowMs) / 1000),
      });
    case 'busy':
    case 'rate_limit':
    case undefined:
      return new RateLimitError(`every deployment of "${group}" is at its rpm, tpm or parallel-request limit`, {
        model: group,
        code: 'no_deployment_capacity',
        retryAfterSeconds: 1,
      });
    default: {
      const unknown: never = rejection;
      throw new Error(`unknown rejection ${String(unknown)}`);
    }
  }
}
