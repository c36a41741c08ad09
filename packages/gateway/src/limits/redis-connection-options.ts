// Connection options every gateway Redis client shares, so an outage costs a request
// microseconds rather than seconds: no offline queue (a command sent while disconnected
// fails at once instead of waiting for a reconnect), a tight command timeout (a hung server
// fails within it), no per-command retries, and reconnects that back off to a bounded delay
// and never give up (the circuit breakers probe again once a connection is back).

import type { RedisOptions } from 'ioredis';

/** Redis answers in well under a millisecond on a LAN; 250 ms leaves room for GC pauses. */
const REDIS_COMMAND_TIMEOUT_MS = 250;
const CONNECT_TIMEOUT_MS = 1_000;
const MAX_RECONNECT_DELAY_MS = 2_000;

/** Reconnect after 100 ms, 200 ms, … up to 2 s between attempts, forever. */
function reconnectDelay(attempt: number): number {
  return Math.min(50 * 2 ** Math.min(attempt, 6), MAX_RECONNECT_DELAY_MS);
}

/** For connections that send commands on a request's path (counters, router state, publish). */
export function commandRedisOptions(): RedisOptions {
  return {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    commandTimeout: REDIS_COMMAND_TIMEOUT_MS,
    connectTimeout: CONNECT_TIMEOUT_MS,
    retryStrategy: reconnectDelay,
  };
}

/**
 * For pub/sub subscribers: SUBSCRIBE may be issued before the first connect and ioredis
 * re-subscribes after each reconnect, so these keep the offline queue (nothing on a
 * request's path waits on them).
 */
export function subscriberRedisOptions(): RedisOptions {
  return { connectTimeout: CONNECT_TIMEOUT_MS, retryStrategy: reconnectDelay, maxRetriesPerRequest: null };
}
