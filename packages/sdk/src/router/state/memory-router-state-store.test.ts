import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MemoryRouterStateStore } from './memory-router-state-store.js';

describe('MemoryRouterStateStore', () => {
  it('expires cooldowns and knows when none is running', () => {
    const store = new MemoryRouterStateStore();
    assert.equal(store.hasCooldowns(0), false);
    store.startCooldown('a', 1_000);
    assert.equal(store.hasCooldowns(500), true);
    assert.equal(store.cooldownUntil('a', 500), 1_000);
    assert.equal(store.cooldownUntil('b', 500), undefined);
    assert.equal(store.cooldownUntil('a', 1_000), undefined);
    assert.equal(store.hasCooldowns(1_000), false);
  });

  it('counts failures and usage per minute', () => {
    const store = new MemoryRouterStateStore();
    assert.equal(store.countFailure('a', 'RateLimitError', 0), 1);
    assert.equal(store.countFailure('a', 'RateLimitError', 59_000), 2);
    assert.equal(store.countFailure('a', 'RateLimitError', 60_000), 1);
    store.addUsage('a', 1, 100, 10);
    store.addUsage('a', 1, 50, 20);
    assert.deepEqual({ ...store.usage('a', 30) }, { minute: 0, requests: 2, tokens: 150 });
    assert.equal(store.usage('a', 60_001).tokens, 0);
  });

  it('smooths latency and tracks in-flight calls', () => {
    const store = new MemoryRouterStateStore();
    store.addLatency('a', 100);
    store.addLatency('a', 200);
    assert.equal(store.latency('a'), 130);
    store.adjustInFlight('a', 1);
    store.adjustInFlight('a', 1);
    store.adjustInFlight('a', -1);
    assert.equal(store.inFlight('a'), 1);
  });
});
