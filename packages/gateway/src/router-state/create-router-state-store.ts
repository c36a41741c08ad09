// The router's state store for a gateway: Redis when configured (so instances share
// cooldowns, usage and latency), else process memory.

import { MemoryRouterStateStore, type RouterStateStore } from 'llmux';
import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { GatewayConfig } from '../config/gateway-config.js';
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
  const connect = (): Redis => ('url' in target ? new Redis(target.url, { maxRetriesPerRequest: 1 }) : new Redis({ ...target.options, maxRetriesPerRequest: 1 }));
  const onError = (error: unknown): void => logger.warn({ err: error }, 'router state: Redis write failed; routing continues on local state');
  const redis = connect();
  const subscriber = connect();
  redis.on('error', onError);
  subscriber.on('error', onError);
  const store = RedisRouterStateStore.create({ redis, subscriber, onError });
  return { store, ready: store.ready };
}
