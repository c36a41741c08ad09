// The limits engine through its public functions, on both backends: atomic admission of
// rpm/tpm/parallel/budget checks, settlement, budget periods and the rate-limit headers.

import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BudgetExceededError, RateLimitError } from 'llmux';
import { addDuration, currentBudgetPeriod, parseDuration } from '../src/limits/budget-period.js';
import { CallLimiter, type AdmittedCall } from '../src/limits/call-limiter.js';
import type { CounterBackend } from '../src/limits/counter-backend.js';
import { MemoryCounterBackend } from '../src/limits/memory-counter-backend.js';
import { rateLimitHeaders } from '../src/limits/rate-limit-headers.js';
import { RedisCounterBackend } from '../src/limits/redis-counter-backend.js';
import { estimateTokens } from '../src/limits/estimate-tokens.js';
import { redisAvailable, TEST_REDIS_URL } from './helpers/redis-available.js';
import { subject } from './helpers/limit-subject.js';

const T0 = Date.UTC(2026, 0, 1, 12, 0, 0);

function engineSuite(name: string, makeBackend: () => Promise<CounterBackend | undefined>): void {
  describe(`limits engine (${name})`, () => {
    const withLimiter = async (run: (limiter: CallLimiter) => Promise<void>, t: { skip(message: string): void }): Promise<void> => {
      const backend = await makeBackend();
      if (backend === undefined) return t.skip('Redis not reachable');
      try {
        await run(new CallLimiter(backend, (error) => assert.fail(String(error))));
      } finally {
        await backend.close();
      }
    };

    it('refuses the third request in a minute with rpm 2, with retry-after to the window end', (t) =>
      withLimiter(async (limiter) => {
        const subjects = [subject({ rpm: 2 })];
        await limiter.admit(subjects, 1, T0);
        await limiter.admit(subjects, 1, T0 + 1_000);
        await assert.rejects(
          async () => limiter.admit(subjects, 1, T0 + 2_000),
          (error: unknown) => {
            assert.ok(error instanceof RateLimitError);
            assert.equal(error.retryAfterSeconds, 58);
            assert.equal(error.headers?.['x-ratelimit-remaining-requests'], '0');
            assert.equal(error.headers?.['x-ratelimit-limit-requests'], '2');
            return true;
          },
        );
        // The next minute is a fresh window.
        await limiter.admit(subjects, 1, T0 + 60_000);
      }, t));

    it('counts nothing when one of several checks refuses (atomic)', (t) =>
      withLimiter(async (limiter) => {
        const key = subject({ rpm: 10 });
        const team = subject({ scope: 'team', rpm: 1 });
        await limiter.admit([key, team], 1, T0);
        await assert.rejects(async () => limiter.admit([key, team], 1, T0), RateLimitError);
        const admitted = await limiter.admit([key], 1, T0);
        // T0 opens a minute window: a whole minute to its reset.
        assert.deepEqual(rateLimitHeaders(admitted), { 'x-ratelimit-limit-requests': '10', 'x-ratelimit-remaining-requests': '8', 'x-ratelimit-reset-requests': '1m0s' });
      }, t));

    it('settles TPM with the actual tokens', (t) =>
      withLimiter(async (limiter) => {
        const subjects = [subject({ tpm: 100 })];
        const first = await limiter.admit(subjects, 10, T0);
        await limiter.settle(first, 90, 0, T0);
        const second = await limiter.admit(subjects, 5, T0);
        assert.equal(rateLimitHeaders(second)['x-ratelimit-remaining-tokens'], '5');
        await limiter.settle(second, 5, 0, T0);
        await assert.rejects(async () => limiter.admit(subjects, 6, T0), RateLimitError);
      }, t));

    it('holds parallel slots until settled', (t) =>
      withLimiter(async (limiter) => {
        const subjects = [subject({ parallel: 1 })];
        const first = await limiter.admit(subjects, 1, T0);
        await assert.rejects(
          async () => limiter.admit(subjects, 1, T0),
          (error: unknown) => error instanceof RateLimitError && error.retryAfterSeconds === 1,
        );
        await limiter.settle(first, 0, 0, T0);
        await limiter.settle(first, 0, 0, T0); // twice is harmless: counters never go below 0
        const again: AdmittedCall = await limiter.admit(subjects, 1, T0);
        await limiter.settle(again, 0, 0, T0);
      }, t));

    it('refuses once spend reaches the budget, seeded from the stored spend, and resets by period', (t) =>
      withLimiter(async (limiter) => {
        const subjects = [subject({ maxBudget: 1, storedSpend: 0.6, budgetDuration: '30s', budgetResetAt: new Date(T0 + 10_000) })];
        const call = await limiter.admit(subjects, 1, T0);
        await limiter.settle(call, 1, 0.5, T0);
        await assert.rejects(
          async () => limiter.admit(subjects, 1, T0 + 1_000),
          (error: unknown) => {
            assert.ok(error instanceof BudgetExceededError);
            assert.equal(error.type, 'budget_exceeded');
            assert.match(error.message, /key test/);
            return true;
          },
        );
        // After budget_reset_at the stored spend belongs to the old period: a fresh counter.
        await limiter.admit(subjects, 1, T0 + 10_000);
      }, t));
  });
}

engineSuite('memory', async () => new MemoryCounterBackend());
engineSuite('redis', async () => {
  if (!(await redisAvailable())) return undefined;
  const backend = new RedisCounterBackend({ url: TEST_REDIS_URL });
  // A fresh namespace per run: keys carry random subject ids anyway.
  return backend;
});

describe('budget periods', () => {
  it('parses LiteLLM durations', () => {
    assert.deepEqual(parseDuration('30s'), { ms: 30_000, months: 0 });
    assert.deepEqual(parseDuration('1h'), { ms: 3_600_000, months: 0 });
    assert.deepEqual(parseDuration('7d'), { ms: 7 * 86_400_000, months: 0 });
    assert.deepEqual(parseDuration('1mo'), { ms: 0, months: 1 });
    assert.equal(parseDuration('soon'), null);
    assert.equal(addDuration(Date.UTC(2026, 0, 31), { ms: 0, months: 1 }), Date.UTC(2026, 2, 3));
  });

  it('rolls a passed reset time forward', () => {
    const period = currentBudgetPeriod('1h', new Date(T0), T0 + 5 * 3_600_000 + 1);
    assert.deepEqual(period, { endsAt: T0 + 6 * 3_600_000, storedSpendCurrent: false });
    assert.deepEqual(currentBudgetPeriod('1h', new Date(T0), T0 - 1), { endsAt: T0, storedSpendCurrent: true });
    assert.deepEqual(currentBudgetPeriod(null, null, T0), { endsAt: 0, storedSpendCurrent: true });
  });

  it('estimates tokens as characters / 4 plus the completion budget', () => {
    assert.equal(estimateTokens({ messages: [{ role: 'user', content: 'x'.repeat(40) }], max_tokens: 5 }), 15);
    assert.equal(estimateTokens({ input: ['abcd', 'efgh'] }), 2);
  });
});

describe('Redis unreachable', () => {
  it('lets calls through uncounted, quickly, and reports the error (fail open)', async () => {
    const backend = new RedisCounterBackend({ url: 'redis://127.0.0.1:1' });
    const errors: unknown[] = [];
    const limiter = new CallLimiter(backend, (error) => errors.push(error));
    try {
      const started = Date.now();
      const call = await limiter.admit([subject({ rpm: 1 })], 1, T0);
      assert.equal(call.counted, false);
      await limiter.settle(call, 1, 1, T0);
      assert.ok(Date.now() - started < 5_000);
      assert.equal(errors.length, 1);
    } finally {
      await backend.close();
    }
  });
});
