// Maps LiteLLM's `routing_strategy` names to strategies.

import type { RoutingStrategyName } from '../router-settings.js';
import { costBased } from './cost-based.js';
import { latencyBased } from './latency-based.js';
import { leastBusy } from './least-busy.js';
import type { RoutingStrategy } from './routing-strategy.js';
import { simpleShuffle } from './simple-shuffle.js';
import { usageBased } from './usage-based.js';

export function createRoutingStrategy(name: RoutingStrategyName = 'simple-shuffle'): RoutingStrategy {
  switch (name) {
    case 'simple-shuffle':
      return simpleShuffle;
    case 'least-busy':
      return leastBusy;
    case 'latency-based-routing':
      return latencyBased;
    case 'usage-based-routing':
    case 'usage-based-routing-v2':
      return usageBased;
    case 'cost-based-routing':
      return costBased;
    default: {
      const unknown: never = name;
      throw new Error(`unknown routing_strategy "${String(unknown)}"`);
    }
  }
}
