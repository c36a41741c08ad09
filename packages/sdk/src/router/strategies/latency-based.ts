// `latency-based-routing`: the deployment with the lowest smoothed latency; for streams,
// the lowest time to first token. A deployment never measured scores 0, so each one is
// tried before the measurements decide.

import type { ResolvedDeployment } from '../deployment.js';
import { pickLowest, type StrategyContext } from './routing-strategy.js';

/** The state-store key for a deployment's time to first token. */
export function firstTokenKey(deploymentId: string): string {
  return `${deploymentId}:ttft`;
}

export function latencyBased(candidates: readonly ResolvedDeployment[], context: StrategyContext): ResolvedDeployment {
  const { store, stream } = context;
  return pickLowest(candidates, (deployment) => store.latency(stream ? firstTokenKey(deployment.id) : deployment.id) ?? 0, context.random);
}
