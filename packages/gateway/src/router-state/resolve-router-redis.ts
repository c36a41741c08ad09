// Where the router's shared state lives: `router_settings.redis_url`, else
// `router_settings.redis_host`/`redis_port`/`redis_password`, else wherever the rate-limit
// counters' Redis is (limits/resolve-redis-options.ts: REDIS_URL, general_settings.redis_url,
// cache_params, REDIS_HOST), so one Redis named once serves both. None: memory.

import type { RedisOptions } from 'ioredis';
import type { GatewayConfig } from '../config/gateway-config.js';
import { nonEmptyString } from '../config/non-empty-string.js';
import { hostOptions, resolveRedisTarget } from '../limits/resolve-redis-options.js';

export type RouterRedisTarget = { url: string } | { options: RedisOptions };

export function resolveRouterRedis(config: GatewayConfig, env: NodeJS.ProcessEnv = process.env): RouterRedisTarget | undefined {
  const settings = config.router_settings;
  const url = nonEmptyString(settings.redis_url);
  if (url !== undefined) return { url };
  const host = nonEmptyString(settings.redis_host);
  if (host !== undefined) return { options: hostOptions(host, settings.redis_port, settings.redis_password) };
  const shared = resolveRedisTarget(config, env);
  if (shared === undefined) return undefined;
  return shared.url !== undefined ? { url: shared.url } : { options: shared.options };
}
