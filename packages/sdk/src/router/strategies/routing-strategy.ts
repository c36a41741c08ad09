// A routing strategy picks one deployment among healthy candidates (never an empty list).

import type { ResolvedDeployment } from '../deployment.js';
import type { RouterStateStore } from '../state/router-state-store.js';

export interface StrategyContext {
  store: RouterStateStore;
  nowMs: number;
  random: () => number;
  /** Streams are ranked by time to first token, plain calls by full latency. */
  stream: boolean;
}

export type RoutingStrategy = (candidates: readonly ResolvedDeployment[], context: StrategyContext) => ResolvedDeployment;

/** Among the candidates scoring lowest, one at random, so equal deployments share the load. */
export function pickLowest(candidates: readonly ResolvedDeployment[], score: (deployment: ResolvedDeployment) => number, random: () => number): ResolvedDeployment {
  let best: ResolvedDeployment[] = [];
  let bestScore = Number.POSITIVE_INFINITY;
  for (const deployment of candidates) {
    const value = score(deployment);
    if (value < bestScore) {
      bestScore = value;
      best = [deployment];
    } else if (value === bestScore) best.push(deployment);
  }
  if (best.length === 0) return candidates[Math.floor(random() * candidates.length)] as ResolvedDeployment;
  return best[Math.floor(random() * best.length)] as ResolvedDeployment;
}
