// What /health/readiness says of the configuration, in LiteLLM's fields: the response
// cache's type (`cache`), the logging callbacks (`success_callbacks`) and the log level.
// Read once at start: they change only with a restart.

import type { Logger } from 'pino';
import type { CacheSettings } from '../cache/parse-cache-settings.js';
import type { GatewayConfig } from '../config/gateway-config.js';

interface ReadinessDetails {
  cacheType: string | null;
  successCallbacks: string[];
  logLevel: string;
}

export function readinessDetails(config: GatewayConfig, cache: CacheSettings | undefined, logger: Logger): ReadinessDetails {
  const settings = config.litellm_settings;
  // LiteLLM lists every callback that runs on success: success_callback and callbacks alike.
  const names = new Set([...namesOf(settings.success_callback), ...namesOf(settings.callbacks)]);
  return { cacheType: cache?.type ?? null, successCallbacks: [...names], logLevel: logger.level.toUpperCase() };
}

/** A callback list, or one name (LiteLLM accepts `callbacks: otel`). */
function namesOf(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  return Array.isArray(value) ? value.filter((name): name is string => typeof name === 'string') : [];
}
