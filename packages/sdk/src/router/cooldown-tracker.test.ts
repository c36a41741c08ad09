import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BadRequestError, InternalServerError, RateLimitError } from '../errors/error-classes.js';
import { CooldownTracker } from './cooldown-tracker.js';
import { MemoryRouterStateStore } from './state/memory-router-state-store.js';

describe('CooldownTracker', () => {
  it('cools down at once on 429, for the longer of retry-after and cooldown_time', () => {
    const store = new MemoryRouterStateStore();
    const tracker = new CooldownTracker(store, { allowedFails: 3, cooldownSeconds: 5, policy: undefined });
    assert.ok(tracker.recordFailure('a', new RateLimitError('x', { retryAfterSeconds: 20 }), 0));
    assert.equal(store.cooldownUntil('a', 1), 20_000);
    assert.ok(tracker.recordFailure('b', new RateLimitError('x'), 0));
    assert.equal(store.cooldownUntil('b', 1), 5_000);
  });

  it('tolerates allowed_fails, per class with allowed_fails_policy, and ignores bad requests', () => {
    const store = new MemoryRouterStateStore();
    const tracker = new CooldownTracker(store, { allowedFails: 1, cooldownSeconds: 5, policy: { BadRequestErrorAllowedFails: 0 } });
    assert.ok(!tracker.recordFailure('a', new InternalServerError('x'), 0));
    assert.ok(tracker.recordFailure('a', new InternalServerError('x'), 0));
    assert.ok(!tracker.recordFailure('b', new BadRequestError('x'), 0), 'the caller is at fault, not the deployment');
  });
});
