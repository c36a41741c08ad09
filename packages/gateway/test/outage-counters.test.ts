// The counters' circuit breaker and its merge rule, on a Redis of the test's own: the
// limiter over FailoverCounterBackend while Redis is killed, frozen and back. Figures held:
// spend settled during the outage is in Redis afterwards (seed + cost); a parallel slot
// taken during the outage and freed after the return nets to 0 in Redis; a rate window
// that ended during the outage is not written back; with Redis frozen (connection open,
// no answers) calls are still admitted and limits still refuse.

import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Redis } from 'ioredis';
import { BudgetExceededError, RateLimitError } from 'llmux';
import { CallLimiter } from '../src/limits/call-limiter.js';
import { minuteWindow } from '../src/limits/counter-backend.js';
import { FailoverCounterBackend, type CounterMode } from '../src/limits/failover-counter-backend.js';
import { RedisCounterBackend } from '../src/limits/redis-counter-backend.js';
import { startOwnRedis, type OwnRedis } from './helpers/own-redis.js';
import { subject } from './helpers/limit-subject.js';

const redis = await startOwnRedis();

describe('counters through a Redis outage', { skip: typeof redis === 'string' ? redis : false }, () => {
  const own = redis as OwnRedis;
  let backend: FailoverCounterBackend;
  let limiter: CallLimiter;
  let reader: Redis;
  const errors: unknown[] = [];

  const waitForMode = async (mode: CounterMode): Promise<void> => {
    const deadline = Date.now() + 10_000;
    while (backend.mode !== mode) {
      if (Date.now() > deadline) throw new Error(`counters stayed ${backend.mode}, expected ${mode}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };
  const restart = async (): Promise<void> => {
    await own.start();
    await waitForMode('redis');
  };
  const stored = async (key: string): Promise<string | null> => reader.get(`llmux:${key}`);

  before(async () => {
    backend = new FailoverCounterBackend(new RedisCounterBackend({ url: own.url }));
    limiter = new CallLimiter(backend, (error) => errors.push(error));
    reader = new Redis(own.url, { maxRetriesPerRequest: null, lazyConnect: true });
    reader.on('error', () => undefined);
    await waitForMode('redis');
  });
  after(async () => {
    reader?.disconnect();
    await backend?.close();
    await own.dispose();
    // The limiter never saw a failure: the breaker answered every call.
    assert.deepEqual(errors, []);
  });

  it('adds spend settled during the outage to the Redis budget counter', async () => {
    const budget = subject({ maxBudget: 1, storedSpend: 0.25 });
    await own.stop();
    const call = await limiter.admit([budget], 1, Date.now());
    assert.equal(call.counted, true);
    await limiter.settle(call, 1, 0.5, Date.now());
    const key = call.checks[0]?.key ?? '';
    await restart();
    assert.equal(Number(await stored(key)), 0.75);
    // Shared again: the next call reads the merged spend from Redis.
    await limiter.settle(await limiter.admit([budget], 1, Date.now()), 1, 0.5, Date.now());
    await assert.rejects(async () => limiter.admit([budget], 1, Date.now()), BudgetExceededError);
  });

  it('nets a parallel slot taken during the outage and freed after the return to 0', async () => {
    const slots = subject({ parallel: 1 });
    await own.stop();
    const call = await limiter.admit([slots], 1, Date.now());
    await assert.rejects(async () => limiter.admit([slots], 1, Date.now()), RateLimitError);
    await restart();
    const key = call.checks[0]?.key ?? '';
    assert.equal(Number(await stored(key)), 1);
    await limiter.settle(call, 1, 0, Date.now());
    assert.equal(Number(await stored(key)), 0);
  });

  it('does not write back a rate window that ended during the outage', async () => {
    const limited = subject({ rpm: 5 });
    await own.stop();
    // Two minutes ago: the window ended before Redis returns.
    const past = minuteWindow(Date.now()) - 120_000;
    const call = await limiter.admit([limited], 1, past);
    await restart();
    assert.equal(await stored(call.checks[0]?.key ?? ''), null);
  });

  it('admits and refuses locally while Redis is frozen, and shares again once it answers', async () => {
    const limited = subject({ rpm: 2 });
    const now = Date.now();
    own.freeze();
    try {
      await limiter.admit([limited], 1, now);
      await limiter.admit([limited], 1, now);
      await assert.rejects(async () => limiter.admit([limited], 1, now), RateLimitError);
      assert.equal(backend.mode, 'local');
    } finally {
      own.thaw();
    }
    await waitForMode('redis');
    await assert.rejects(async () => limiter.admit([limited], 1, now), RateLimitError);
  });
});
