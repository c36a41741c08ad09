// Closes an ioredis connection without waiting on a Redis that is not there: QUIT needs a
// live connection (and a subscriber's QUIT never settles while it reconnects), so a
// connection that is not ready is dropped at once; a ready one says goodbye properly.

import type { Redis } from 'ioredis';

export async function closeRedis(redis: Redis): Promise<void> {
  if (redis.status !== 'ready') {
    redis.disconnect();
    return;
  }
  await redis.quit().then(
    () => undefined,
    () => redis.disconnect(),
  );
}
