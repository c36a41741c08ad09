// Whether the real Redis on 127.0.0.1:6379 (or REDIS_URL) answers; tests that need it skip
// loudly when it does not. Redis is never mocked.

import { Redis } from 'ioredis';

export const TEST_REDIS_URL = process.env.LLMUX_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379/15';

export async function redisAvailable(url = TEST_REDIS_URL): Promise<boolean> {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, connectTimeout: 1_000, retryStrategy: () => null });
  try {
    await redis.connect();
    await redis.ping();
    return true;
  } catch {
    process.stderr.write(`\n*** SKIPPING Redis tests: no Redis at ${url} (set LLMUX_TEST_REDIS_URL) ***\n\n`);
    return false;
  } finally {
    redis.disconnect();
  }
}
