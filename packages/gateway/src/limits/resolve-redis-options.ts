// Where Redis is, in the places a LiteLLM user may have said it: `REDIS_URL`, then
// `general_settings.redis_url`, then `litellm_settings.cache_params` (host/port/password,
// or url), then LiteLLM's `REDIS_HOST`/`REDIS_PORT`/`REDIS_PASSWORD` variables. None:
// counters stay in process memory.

import type { RedisOptions } from 'ioredis';
import type { GatewayConfig } from '../config/gateway-config.js';
import { nonEmptyString as nonEmpty } from '../config/non-empty-string.js';

export type RedisTarget = { url: string; options?: undefined } | { url?: undefined; options: RedisOptions };

export function resolveRedisTarget(config: GatewayConfig, env: NodeJS.ProcessEnv = process.env): RedisTarget | undefined {
  const url = nonEmpty(env.REDIS_URL) ?? nonEmpty(config.general_settings.redis_url);
  if (url !== undefined) return { url };
  const cacheParams = config.litellm_settings.cache_params;
  if (typeof cacheParams === 'object' && cacheParams !== null) {
    const params = cacheParams as Record<string, unknown>;
    const paramsUrl = nonEmpty(params.url) ?? nonEmpty(params.redis_url);
    if (paramsUrl !== undefined) return { url: paramsUrl };
    const host = nonEmpty(params.host);
    if (host !== undefined) return { options: hostOptions(host, params.port, params.password) };
  }
  const envHost = nonEmpty(env.REDIS_HOST);
  if (envHost !== undefined) return { options: hostOptions(envHost, env.REDIS_PORT, env.REDIS_PASSWORD) };
  return undefined;
}

/** ioredis options for a host, with Redis's default port and the password when one is set. */
export function hostOptions(host: string, port: unknown, password: unknown): RedisOptions {
  const options: RedisOptions = { host, port: port === undefined ? 6379 : Number(port) };
  const secret = nonEmpty(password);
  if (secret !== undefined) options.password = secret;
  return options;
}
