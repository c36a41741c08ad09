// `simple-shuffle`: random, weighted by `weight`, else `rpm`, else `tpm`, else uniform.

import type { ResolvedDeployment } from '../deployment.js';
import type { StrategyContext } from './routing-strategy.js';

export function simpleShuffle(candidates: readonly ResolvedDeployment[], context: Pick<StrategyContext, 'random'>): ResolvedDeployment {
  const random = context.random;
  if (candidates.length === 1) return candidates[0] as ResolvedDeployment;
  let total = 0;
  for (const deployment of candidates) total += weightOf(deployment);
  if (total <= 0) return candidates[Math.floor(random() * candidates.length)] as ResolvedDeployment;
  let point = random() * total;
  for (const deployment of candidates) {
    point -= weightOf(deployment);
    if (point < 0) return deployment;
  }
  return candidates[candidates.length - 1] as ResolvedDeployment;
}

function weightOf(deployment: ResolvedDeployment): number {
  const params = deployment.litellm_params;
  return params.weight ?? params.rpm ?? params.tpm ?? 1;
}
