// The router's state store for a gateway: Redis when configured (so instances share
// cooldowns, usage and latency), else process memory.

import { MemoryRouterStateStore, type RouterStateStore } from 'llmux';
import { Redis, type RedisOptions } from 'ioredis';
import type { Logger } from 'pino';
import type { GatewayConfig } from '../config/gateway-config.js';
import { commandRedisOptions, subscriberRedisOptions } from '../limits/redis-connection-options.js';
import { throttleCalls } from '../limits/throttle-calls.js';
import { RedisRouterStateStore } from './redis-router-state-store.js';
import { resolveRouterRedis } from './resolve-router-redis.js';

export interface GatewayRouterState {
  store: RouterStateStore;
  /** Settles when the store has loaded shared state (at once for memory). */
  ready: Promise<void>;
}

export function createRouterStateStore(config: GatewayConfig, logger: Logger, env: NodeJS.ProcessEnv = process.env): GatewayRouterState {
  const target = resolveRouterRedis(config, env);
  if (target === undefined) return { store: new MemoryRouterStateStore(), ready: Promise.resolve() };
  // Commands never queue behind a dead connection; the subscriber keeps its queue for SUBSCRIBE.
  const connect = (options: RedisOptions): Redis => ('url' in target ? new Redis(target.url, options) : new Redis({ ...target.options, ...options }));
  const onError = throttleCalls((error: unknown) => logger.warn({ err: error }, 'router state: Redis unreachable; routing continues on local state'));
  const redis = connect(commandRedisOptions());
  const subscriber = connect(subscriberRedisOptions());
  redis.on('error', onError);
  subscriber.on('error', onError);
  const store = RedisRouterStateStore.create({ redis, subscriber, onError });
  return { store, ready: store.ready };
}
