import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { backoffMs, sleep } from './backoff.js';

const settings = { baseSeconds: 0.5, minSeconds: 0, maxSeconds: 10 };

describe('backoffMs', () => {
  it('grows exponentially with full jitter', () => {
    assert.equal(
      backoffMs(0, undefined, settings, () => 1),
      500,
    );
    assert.equal(
      backoffMs(3, undefined, settings, () => 1),
      4000,
    );
    assert.equal(
      backoffMs(3, undefined, settings, () => 0.5),
      2000,
    );
    assert.equal(
      backoffMs(30, undefined, settings, () => 1),
      10_000,
      'capped',
    );
  });

  it('honours retry-after, within the floor and the cap', () => {
    assert.equal(
      backoffMs(0, 2, settings, () => 0),
      2000,
    );
    assert.equal(backoffMs(0, 60, settings), 10_000);
    assert.equal(backoffMs(0, 0, { ...settings, minSeconds: 0.25 }), 250);
  });

  it('sleep stops early on abort', async () => {
    const controller = new AbortController();
    const pending = sleep(60_000, controller.signal);
    controller.abort(new Error('gone'));
    await assert.rejects(pending, /gone/);
  });
});
