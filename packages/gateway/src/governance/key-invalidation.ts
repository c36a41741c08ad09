// Tells every gateway instance to forget cached identities when a key, user or team
// changes. Locally it clears the cache at once; with Redis, a pub/sub message reaches the
// other instances (a TTL on the cache bounds staleness if a message is ever missed). After
// the subscriber reconnects, messages sent meanwhile are lost: every entry is marked for
// reload then (kept as a stale fallback in case the store is down too). Publishing never
// waits on a dead connection: no offline queue, a tight command timeout.

import { Redis, type RedisOptions } from 'ioredis';
import type { Logger } from 'pino';
import { commandRedisOptions, subscriberRedisOptions } from '../limits/redis-connection-options.js';
import type { RedisTarget } from '../limits/resolve-redis-options.js';
import type { KeyCache } from './key-cache.js';

const CHANNEL = 'llmux:key-invalidation';
/** The message that clears everything (a user or team changed: any of their keys may be cached). */
const ALL = '*';
const READY_TIMEOUT_MS = 2_000;

export interface KeyInvalidation {
  /** Forgets one key hash, or every cached identity when called without one. */
  invalidate(token?: string): Promise<void>;
  /** Resolves once the subscription is live (immediately without Redis). */
  ready(): Promise<void>;
  close(): Promise<void>;
}

export function createKeyInvalidation(cache: KeyCache, redis: RedisTarget | undefined, logger: Logger): KeyInvalidation {
  const forget = (message: string): void => (message === ALL ? cache.clear() : cache.delete(message));
  if (redis === undefined) {
    return { invalidate: async (token) => forget(token ?? ALL), ready: async () => undefined, close: async () => undefined };
  }
  // A subscribed connection can only subscribe, so publishing needs its own.
  const connect = (extra: RedisOptions): Redis =>
    redis.url !== undefined ? new Redis(redis.url, { lazyConnect: true, ...extra }) : new Redis({ ...redis.options, lazyConnect: true, ...extra });
  const publisher = connect(commandRedisOptions());
  const subscriber = connect(subscriberRedisOptions());
  for (const connection of [publisher, subscriber]) connection.on('error', (error: Error) => logger.warn({ err: error }, 'key invalidation: redis error'));
  subscriber.on('message', (_channel: string, message: string) => forget(message));
  let connectedBefore = false;
  subscriber.on('ready', () => {
    if (connectedBefore) cache.expireAll();
    connectedBefore = true;
  });
  let subscribed: Promise<void> | undefined;
  // Redis being down must not stop the gateway from starting: wait briefly for the
  // subscription, then go on (ioredis keeps reconnecting and resubscribes on its own).
  const ready = (): Promise<void> => {
    subscribed ??= Promise.race([
      Promise.all([
        // Without an offline queue the publisher must be connected before its first publish.
        publisher.connect().catch((error: unknown) => logger.warn({ err: error }, 'key invalidation: cannot connect to redis; retrying in the background')),
        // SUBSCRIBE waits in the subscriber's queue across reconnects, so a Redis that is down
        // at start still gets the subscription once it is up.
        subscriber.connect().catch(() => undefined),
        subscriber.subscribe(CHANNEL).catch((error: unknown) => logger.warn({ err: error }, 'key invalidation: cannot subscribe to redis; cached keys expire after their TTL')),
      ]).then(() => undefined),
      new Promise<void>((resolve) => setTimeout(resolve, READY_TIMEOUT_MS).unref()),
    ]);
    return subscribed;
  };
  return {
    ready,
    async invalidate(token) {
      forget(token ?? ALL);
      try {
        await publisher.publish(CHANNEL, token ?? ALL);
      } catch (error) {
        // The change is saved; other instances will see it when their cache entries expire.
        logger.warn({ err: error }, 'key invalidation: could not publish to redis');
      }
    },
    async close() {
      publisher.disconnect();
      subscriber.disconnect();
    },
  };
}
