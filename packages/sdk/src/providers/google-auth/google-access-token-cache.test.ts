// The token cache on a fake clock: reuse until the refresh margin, one refresh for many
// concurrent callers, and the old token as a fallback while it is still valid.

import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { GoogleAccessTokenCache } from './google-access-token-cache.js';
import type { GoogleAccessToken } from './request-google-access-token.js';

const MINUTE = 60_000;

function setup() {
  const clock = { now: 1_000_000 };
  const cache = new GoogleAccessTokenCache({ now: () => clock.now, refreshMarginMs: 5 * MINUTE });
  let fetches = 0;
  let fail = false;
  const fetch = async (now: number): Promise<GoogleAccessToken> => {
    fetches += 1;
    await new Promise((resolve) => setImmediate(resolve));
    if (fail) throw new Error('token endpoint down');
    return { token: `token-${fetches}`, expiresAt: now + 60 * MINUTE };
  };
  return { clock, cache, fetch, fetches: () => fetches, failNext: (value: boolean) => (fail = value) };
}

describe('GoogleAccessTokenCache', () => {
  it('reuses a token until it is within the refresh margin of expiry', async () => {
    const { clock, cache, fetch, fetches } = setup();
    assert.equal(await cache.get('a', fetch), 'token-1');
    clock.now += 54 * MINUTE;
    assert.equal(await cache.get('a', fetch), 'token-1');
    clock.now += 2 * MINUTE;
    assert.equal(await cache.get('a', fetch), 'token-2');
    assert.equal(fetches(), 2);
    assert.equal(await cache.get('b', fetch), 'token-3', 'each key has its own token');
  });

  it('shares one in-flight refresh among concurrent callers', async () => {
    const { cache, fetch, fetches } = setup();
    const tokens = await Promise.all(Array.from({ length: 10 }, () => cache.get('a', fetch)));
    assert.deepEqual(new Set(tokens), new Set(['token-1']));
    assert.equal(fetches(), 1);
  });

  it('falls back on the old token when an early refresh fails, and never caches a failure', async () => {
    const { clock, cache, fetch, fetches, failNext } = setup();
    await cache.get('a', fetch);
    clock.now += 57 * MINUTE;
    failNext(true);
    assert.equal(await cache.get('a', fetch), 'token-1');
    clock.now += 3 * MINUTE;
    await assert.rejects(cache.get('a', fetch), /token endpoint down/);
    failNext(false);
    assert.equal(await cache.get('a', fetch), `token-${fetches()}`);
  });

  it('forgets an invalidated token', async () => {
    const { cache, fetch } = setup();
    await cache.get('a', fetch);
    cache.invalidate('a');
    assert.equal(await cache.get('a', fetch), 'token-2');
  });
});
