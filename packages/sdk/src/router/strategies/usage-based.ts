// `usage-based-routing`: the deployment with the most headroom this minute, measured as
// the share of its `tpm` (else `rpm`) already used; without limits, the fewest tokens used.

import type { ResolvedDeployment } from '../deployment.js';
import { pickLowest, type StrategyContext } from './routing-strategy.js';

export function usageBased(candidates: readonly ResolvedDeployment[], context: StrategyContext): ResolvedDeployment {
  return pickLowest(
    candidates,
    (deployment) => {
      const used = context.store.usage(deployment.id, context.nowMs);
      const { tpm, rpm } = deployment.litellm_params;
      if (tpm !== undefined && tpm > 0) return used.tokens / tpm;
      if (rpm !== undefined && rpm > 0) return used.requests / rpm;
      return used.tokens;
    },
    context.random,
  );
}
