// Picks the deployment for one call. `simple-shuffle`: random, weighted by `weight`, else
// `rpm`, else `tpm`, else uniform. Other strategies arrive with the router issue.

import type { ResolvedDeployment } from './deployment.js';

export function selectDeployment(candidates: readonly ResolvedDeployment[], random: () => number = Math.random): ResolvedDeployment | undefined {
  if (candidates.length <= 1) return candidates[0];
  const weights = candidates.map(weightOf);
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  if (total <= 0) return candidates[Math.floor(random() * candidates.length)];
  let point = random() * total;
  for (let index = 0; index < candidates.length; index++) {
    point -= weights[index] ?? 0;
    if (point < 0) return candidates[index];
  }
  return candidates[candidates.length - 1];
}

function weightOf(deployment: ResolvedDeployment): number {
  const params = deployment.litellm_params;
  return params.weight ?? params.rpm ?? params.tpm ?? 1;
}
