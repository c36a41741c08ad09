// The Redis store, shared by every instance: entries under `llmux:cache:`, each with its
// TTL. Commands fail fast (no offline queue, a short command timeout): the caller turns a
// failure into a miss and a log line, never an error for the client.

import { Redis } from 'ioredis';
import { commandRedisOptions } from '../limits/redis-connection-options.js';
import type { RedisTarget } from '../limits/resolve-redis-options.js';
import type { CachedEntry, ResponseStore } from './response-store.js';

const KEY_PREFIX = 'llmux:cache:';
const SCAN_COUNT = 500;

export function createRedisResponseStore(target: RedisTarget): ResponseStore {
  const options = { ...commandRedisOptions(), keyPrefix: KEY_PREFIX, ...target.options };
  const redis = target.url === undefined ? new Redis(options) : new Redis(target.url, options);
  // Failures surface on the commands (a miss and a log line), not as unhandled events.
  redis.on('error', () => undefined);
  // Until the first connect settles, commands wait for it rather than fail for want of a queue.
  let firstConnect: Promise<void> | undefined = new Promise<void>((resolve) => {
    const settle = (): void => {
      firstConnect = undefined;
      redis.off('ready', settle).off('close', settle);
      resolve();
    };
    redis.once('ready', settle).once('close', settle);
  });
  const connected = (): Promise<void> => firstConnect ?? Promise.resolve();
  return {
    type: 'redis',
    async get(key) {
      await connected();
      const text = await redis.get(key);
      return text === null ? undefined : parseEntry(text);
    },
    async set(key, entry, ttlSeconds) {
      await connected();
      const text = `${entry.storedAt}|${entry.json}`;
      if (ttlSeconds === undefined) await redis.set(key, text);
      else await redis.set(key, text, 'PX', Math.ceil(ttlSeconds * 1000));
    },
    async delete(keys) {
      await connected();
      return keys.length === 0 ? 0 : redis.del(...keys);
    },
    async flush() {
      await connected();
      // Only this cache's keys: the same Redis holds rate-limit counters and router state.
      let cursor = '0';
      do {
        // SCAN's MATCH does not apply keyPrefix, so the pattern names it and DEL strips it.
        const [next, keys] = await redis.scan(cursor, 'MATCH', `${KEY_PREFIX}*`, 'COUNT', SCAN_COUNT);
        cursor = next;
        if (keys.length > 0) await redis.del(...keys.map((key) => key.slice(KEY_PREFIX.length)));
      } while (cursor !== '0');
    },
    async ping() {
      await connected();
      await redis.ping();
    },
    async close() {
      redis.disconnect();
    },
  };
}

function parseEntry(text: string): CachedEntry | undefined {
  const bar = text.indexOf('|');
  const storedAt = Number(text.slice(0, bar));
  if (bar === -1 || !Number.isFinite(storedAt)) return undefined;
  return { storedAt, json: text.slice(bar + 1) };
}
