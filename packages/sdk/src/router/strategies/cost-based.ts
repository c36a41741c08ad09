// `cost-based-routing`: the cheapest deployment per token (input plus output price), from
// the deployment's price overrides or else the price catalog. Unpriced ones rank last.

import { computeCost } from '../../cost/compute-cost.js';
import { splitProviderModel } from '../../providers/split-provider-model.js';
import type { ResolvedDeployment } from '../deployment.js';
import { pickLowest, type StrategyContext } from './routing-strategy.js';

const prices = new WeakMap<ResolvedDeployment, number>();
const SAMPLE = { prompt_tokens: 1_000_000, completion_tokens: 1_000_000, total_tokens: 2_000_000 };

export function costBased(candidates: readonly ResolvedDeployment[], context: StrategyContext): ResolvedDeployment {
  return pickLowest(candidates, priceOf, context.random);
}

function priceOf(deployment: ResolvedDeployment): number {
  const known = prices.get(deployment);
  if (known !== undefined) return known;
  const price = lookUpPrice(deployment);
  prices.set(deployment, price);
  return price;
}

function lookUpPrice(deployment: ResolvedDeployment): number {
  const params = deployment.litellm_params;
  const info = deployment.model_info ?? {};
  const input = numberOr(params['input_cost_per_token'], info['input_cost_per_token']);
  const output = numberOr(params['output_cost_per_token'], info['output_cost_per_token']);
  const { provider, model } = splitProviderModel(params.model);
  const cost = computeCost(provider, model, SAMPLE, { input_cost_per_token: input, output_cost_per_token: output });
  return cost ?? Number.POSITIVE_INFINITY;
}

function numberOr(first: unknown, second: unknown): number | undefined {
  if (typeof first === 'number') return first;
  return typeof second === 'number' ? second : undefined;
}
