// `least-busy`: the deployment with the fewest calls in flight from this process.

import type { ResolvedDeployment } from '../deployment.js';
import { pickLowest, type StrategyContext } from './routing-strategy.js';

export function leastBusy(candidates: readonly ResolvedDeployment[], context: StrategyContext): ResolvedDeployment {
  return pickLowest(candidates, (deployment) => context.store.inFlight(deployment.id), context.random);
}
