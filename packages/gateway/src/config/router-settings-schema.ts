// Zod schema of `router_settings` (and the router fields of `litellm_settings`): only the
// fields the router reads are checked, so a typo in a number is a config error naming the
// field, while LiteLLM's other settings pass through.

import { z } from 'zod';
import { budgetDuration } from './budget-duration-schema.js';

const seconds = z.number().nonnegative();
const count = z.number().int().nonnegative();
const fallbackList = z.array(z.record(z.string(), z.array(z.string())));
const policy = z.record(z.string(), count);

// provider-budget-routing is LiteLLM's older spelling of "provider_budget_config is set": a filter
// before the default strategy (router-settings-from-config.ts), not a strategy of its own.
const ROUTING_STRATEGIES = [
  'simple-shuffle',
  'least-busy',
  'latency-based-routing',
  'usage-based-routing',
  'usage-based-routing-v2',
  'cost-based-routing',
  'provider-budget-routing',
] as const;

/** LiteLLM's `provider_budget_config`: provider id → USD per period (provider ids checked in check-provider-budgets.ts). */
const providerBudgetConfig = z.record(z.string(), z.strictObject({ budget_limit: z.number().nonnegative(), time_period: budgetDuration }));

/** Router fields LiteLLM accepts both in `router_settings` and in `litellm_settings`. */
export const routerRetrySettings = {
  num_retries: count.optional(),
  retry_policy: policy.optional(),
  allowed_fails: count.optional(),
  allowed_fails_policy: policy.optional(),
  cooldown_time: seconds.optional(),
  fallbacks: fallbackList.optional(),
  context_window_fallbacks: fallbackList.optional(),
  content_policy_fallbacks: fallbackList.optional(),
  default_fallbacks: z.array(z.string()).optional(),
  max_fallbacks: count.optional(),
};

export const routerSettingsShape = {
  ...routerRetrySettings,
  routing_strategy: z.enum(ROUTING_STRATEGIES).optional(),
  provider_budget_config: providerBudgetConfig.optional(),
  retry_after: seconds.optional(),
  retry_backoff: seconds.optional(),
  max_retry_wait: seconds.optional(),
  timeout: z.number().positive().optional(),
  stream_timeout: z.number().positive().optional(),
  enable_pre_call_checks: z.boolean().optional(),
  enable_tag_filtering: z.boolean().optional(),
  model_group_alias: z.record(z.string(), z.union([z.string(), z.looseObject({ model: z.string(), hidden: z.boolean().optional() })])).optional(),
  redis_url: z.string().optional(),
  redis_host: z.string().optional(),
  redis_port: z.union([z.number(), z.string()]).optional(),
  redis_password: z.string().optional(),
};
