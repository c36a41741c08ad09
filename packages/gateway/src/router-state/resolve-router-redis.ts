// Where the router's shared state lives: `router_settings.redis_url`, else
// `router_settings.redis_host`/`redis_port`/`redis_password`, else `REDIS_URL`. None: memory.

import type { RedisOptions } from 'ioredis';
import type { GatewayConfig } from '../config/gateway-config.js';

export type RouterRedisTarget = { url: string } | { options: RedisOptions };

export function resolveRouterRedis(config: GatewayConfig, env: NodeJS.ProcessEnv = process.env): RouterRedisTarget | undefined {
  const settings = config.router_settings;
  const url = nonEmpty(settings.redis_url);
  if (url !== undefined) return { url };
  const host = nonEmpty(settings.redis_host);
  if (host !== undefined) {
    const options: RedisOptions = { host, port: settings.redis_port === undefined ? 6379 : Number(settings.redis_port) };
    const password = nonEmpty(settings.redis_password);
    if (password !== undefined) options.password = password;
    return { options };
  }
  const envUrl = nonEmpty(env.REDIS_URL);
  return envUrl === undefined ? undefined : { url: envUrl };
}

function nonEmpty(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}
