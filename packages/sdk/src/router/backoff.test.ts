import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { backoffMs, sleep } from './backoff.js';

const settings = { baseSeconds: 0.5, minSeconds: 0, maxSeconds: 10 };

describe('backoffMs', () => {
  // [attempt, the random draw, the wait in ms, the assertion's message]
  const GROWTH: ReadonlyArray<[number, number, number, string?]> = [
    [0, 1, 500],
    [3, 1, 4000],
    [3, 0.5, 2000],
    [30, 1, 10_000, 'capped'],
  ];
  it('grows exponentially with full jitter', () => {
    for (const [attempt, random, expected, message] of GROWTH) {
      assert.equal(
        backoffMs(attempt, undefined, settings, () => random),
        expected,
        message,
      );
    }
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
