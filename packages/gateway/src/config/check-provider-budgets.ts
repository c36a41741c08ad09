// `provider_budget_config` names providers by llmux's ids; a typo (`opneai`) would be a budget
// no deployment counts against, so spend would pass it: the start is refused naming it. And
// `routing_strategy: provider-budget-routing` without budgets has nothing to route by.

import type { ProviderRegistry } from 'llmux';
import { findClosestName } from './find-closest-name.js';

/** Reads the resolved document, before the schema, so one run reports every problem. */
export function checkProviderBudgets(routerSettings: unknown, registry: ProviderRegistry): string[] {
  if (routerSettings === null || typeof routerSettings !== 'object') return [];
  const settings = routerSettings as Record<string, unknown>;
  const budgets = settings['provider_budget_config'];
  const problems: string[] = [];
  const hasBudgets = budgets !== null && typeof budgets === 'object' && Object.keys(budgets).length > 0;
  if (settings['routing_strategy'] === 'provider-budget-routing' && !hasBudgets) {
    problems.push('router_settings.routing_strategy: provider-budget-routing needs router_settings.provider_budget_config (provider id → budget_limit, time_period)');
  }
  if (!hasBudgets) return problems;
  for (const provider of Object.keys(budgets)) {
    if (registry.has(provider)) continue;
    const near = findClosestName(provider, registry.providerIds());
    problems.push(`router_settings.provider_budget_config.${provider}: unknown provider${near === undefined ? ' (run llmux --list-providers)' : `; did you mean ${near}?`}`);
  }
  return problems;
}
