// The token cache on a fake clock: reuse until the refresh margin, one shared refresh,
// the old token kept when an early refresh fails, and eviction of a refused token only.

import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { EntraTokenCache } from './entra-token-cache.js';
import type { EntraAccessToken } from './request-entra-token.js';

const MINUTE = 60_000;

describe('EntraTokenCache', () => {
  let clock = 0;
  let fetches = 0;
  const fetchFor =
    (lifetimeMs: number, fail = false) =>
    async (now: number): Promise<EntraAccessToken> => {
      fetches += 1;
      await new Promise((resolve) => setImmediate(resolve));
      if (fail) throw new Error('token endpoint down');
      return { token: `token-${fetches}`, issuedAt: now, expiresAt: now + lifetimeMs };
    };

  it('reuses a token until five minutes before it expires, sharing one refresh', async () => {
    clock = 0;
    fetches = 0;
    const cache = new EntraTokenCache({ now: () => clock });
    const first = await Promise.all([1, 2, 3].map(() => cache.get('k', fetchFor(60 * MINUTE))));
    assert.deepEqual(first, ['token-1', 'token-1', 'token-1']);
    clock = 54 * MINUTE;
    assert.equal(await cache.get('k', fetchFor(60 * MINUTE)), 'token-1');
    clock = 56 * MINUTE;
    assert.equal(await cache.get('k', fetchFor(60 * MINUTE)), 'token-2');
    assert.equal(fetches, 2);
  });

  it('keeps short-lived tokens for half their lifetime', async () => {
    clock = 0;
    fetches = 0;
    const cache = new EntraTokenCache({ now: () => clock });
    await cache.get('k', fetchFor(2 * MINUTE));
    clock = 0.9 * MINUTE;
    assert.equal(await cache.get('k', fetchFor(2 * MINUTE)), 'token-1');
    clock = 1.1 * MINUTE;
    assert.equal(await cache.get('k', fetchFor(2 * MINUTE)), 'token-2');
  });

  it('falls back on the old token when an early refresh fails, and fails once it has expired', async () => {
    clock = 0;
    fetches = 0;
    const cache = new EntraTokenCache({ now: () => clock });
    await cache.get('k', fetchFor(60 * MINUTE));
    clock = 58 * MINUTE;
    assert.equal(await cache.get('k', fetchFor(60 * MINUTE, true)), 'token-1');
    clock = 61 * MINUTE;
    await assert.rejects(cache.get('k', fetchFor(60 * MINUTE, true)), /token endpoint down/);
  });

  it('evicts only the token that was refused', async () => {
    clock = 0;
    fetches = 0;
    const cache = new EntraTokenCache({ now: () => clock });
    await cache.get('k', fetchFor(60 * MINUTE));
    cache.invalidate('k', 'some-older-token');
    assert.equal(await cache.get('k', fetchFor(60 * MINUTE)), 'token-1');
    cache.invalidate('k', 'token-1');
    assert.equal(await cache.get('k', fetchFor(60 * MINUTE)), 'token-2');
  });
});
