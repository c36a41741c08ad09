// The Redis semantic index, for `redis-semantic`: prompt vectors in Redis hashes under
// `llmux:semantic:`, searched with RediSearch's KNN (FT.SEARCH ... =>[KNN 1 @vector $vec])
// by cosine distance within the partition's TAG, so every instance shares one index. It
// needs Redis vector search (the `search` module: Redis Stack, or Redis 8's query engine):
// check() refuses the start, naming the module, on a Redis that lacks it.

import { createHash } from 'node:crypto';
import { Redis } from 'ioredis';
import { ConfigError } from '../config/config-error.js';
import { commandRedisOptions } from '../limits/redis-connection-options.js';
import type { RedisTarget } from '../limits/resolve-redis-options.js';
import type { SemanticIndex } from './semantic-index.js';

const PREFIX = 'llmux:semantic:';
const SCAN_COUNT = 500;

export interface RedisSemanticIndex extends SemanticIndex {
  /** Resolves once Redis answers and has vector search; else a ConfigError naming what is missing. */
  check(): Promise<void>;
}

export function createRedisSemanticIndex(target: RedisTarget): RedisSemanticIndex {
  const options = { ...commandRedisOptions(), lazyConnect: true, ...target.options };
  const redis = target.url === undefined ? new Redis(options) : new Redis(target.url, options);
  // Failures surface on the commands (a miss and a log line), not as unhandled events.
  redis.on('error', () => undefined);
  /** Indexes known to exist, by vector length (one index per embedding size). */
  const indexes = new Set<number>();
  const indexName = (dimensions: number): string => `${PREFIX}idx:${dimensions}`;
  const ensureIndex = async (dimensions: number): Promise<void> => {
    if (indexes.has(dimensions)) return;
    try {
      await redis.call(
        'FT.CREATE',
        indexName(dimensions),
        'ON',
        'HASH',
        'PREFIX',
        '1',
        `${PREFIX}${dimensions}:`,
        'SCHEMA',
        'partition',
        'TAG',
        'vector',
        'VECTOR',
        'HNSW',
        '6',
        'TYPE',
        'FLOAT32',
        'DIM',
        String(dimensions),
        'DISTANCE_METRIC',
        'COSINE',
      );
    } catch (error) {
      // Another instance (or an earlier run) made it.
      if (!(error instanceof Error && /already exists/i.test(error.message))) throw error;
    }
    indexes.add(dimensions);
  };
  return {
    async check() {
      try {
        await redis.connect();
      } catch (error) {
        throw new ConfigError('(cache)', [
          `litellm_settings.cache_params.type "redis-semantic": the configured Redis does not answer (${error instanceof Error ? error.message : String(error)})`,
        ]);
      }
      const info = (await redis.call('COMMAND', 'INFO', 'FT.SEARCH')) as unknown[];
      if (!Array.isArray(info) || info[0] === null || info[0] === undefined) {
        redis.disconnect();
        throw new ConfigError('(cache)', [
          'litellm_settings.cache_params.type "redis-semantic" needs Redis vector search: the configured Redis has no FT.SEARCH command ' +
            '(the RediSearch module "search", in Redis Stack or Redis 8). Load that module, or use type "local-semantic".',
        ]);
      }
    },
    async nearest(partition, vector) {
      if (!indexes.has(vector.length)) await ensureIndex(vector.length);
      const reply = (await redis.call(
        'FT.SEARCH',
        indexName(vector.length),
        `(@partition:{${tagOf(partition)}})=>[KNN 1 @vector $vec AS distance]`,
        'PARAMS',
        '2',
        'vec',
        Buffer.from(vector.buffer, vector.byteOffset, vector.byteLength),
        'RETURN',
        '2',
        'key',
        'distance',
        'DIALECT',
        '2',
      )) as unknown[];
      const fields = reply[2];
      if (!Array.isArray(fields)) return undefined;
      const record: Record<string, string> = {};
      for (let index = 0; index + 1 < fields.length; index += 2) record[String(fields[index])] = String(fields[index + 1]);
      const distance = Number(record['distance']);
      // COSINE distance is 1 - cosine similarity.
      return record['key'] === undefined || !Number.isFinite(distance) ? undefined : { key: record['key'], similarity: 1 - distance };
    },
    async add(partition, key, vector, ttlSeconds) {
      await ensureIndex(vector.length);
      const id = `${PREFIX}${vector.length}:${createHash('sha256').update(key).digest('hex')}`;
      await redis.hset(id, { partition: tagOf(partition), key, vector: Buffer.from(vector.buffer, vector.byteOffset, vector.byteLength) });
      if (ttlSeconds !== undefined) await redis.pexpire(id, Math.ceil(ttlSeconds * 1000));
    },
    async flush() {
      let cursor = '0';
      do {
        const [next, keys] = await redis.scan(cursor, 'MATCH', `${PREFIX}[0-9]*:*`, 'COUNT', SCAN_COUNT);
        cursor = next;
        if (keys.length > 0) await redis.del(...keys);
      } while (cursor !== '0');
    },
    async close() {
      redis.disconnect();
    },
  };
}

/** A TAG value with no characters RediSearch would need escaped. */
function tagOf(partition: string): string {
  return createHash('sha256').update(partition).digest('hex').slice(0, 32);
}
