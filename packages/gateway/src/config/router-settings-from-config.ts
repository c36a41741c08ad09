// The SDK router's settings from a LiteLLM config: retry and fallback fields may sit in
// `litellm_settings` (LiteLLM reads them there too); `router_settings` wins where both say.

import type { RouterSettings } from 'llmux';
import type { GatewayConfig } from './gateway-config.js';
import { routerRetrySettings } from './router-settings-schema.js';

const LITELLM_ROUTER_FIELDS = Object.keys(routerRetrySettings);
// Read elsewhere: Redis by the router state, budgets by provider-budgets/ (the Router gets them built).
const STATE_FIELDS = new Set(['redis_url', 'redis_host', 'redis_port', 'redis_password', 'provider_budget_config']);

export function routerSettingsFromConfig(config: GatewayConfig): RouterSettings {
  const settings: Record<string, unknown> = {};
  for (const field of LITELLM_ROUTER_FIELDS) {
    const value = config.litellm_settings[field];
    if (value !== undefined) settings[field] = value;
  }
  for (const [field, value] of Object.entries(config.router_settings)) {
    if (value !== undefined && !STATE_FIELDS.has(field)) settings[field] = value;
  }
  // Budget routing is a filter before the strategy; the strategy among what is left is the default.
  if (settings['routing_strategy'] === 'provider-budget-routing') delete settings['routing_strategy'];
  // Validated by the config schema, field by field.
  return settings as RouterSettings;
}
