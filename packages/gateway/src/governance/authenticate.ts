// Master-key authentication. Keys are compared as sha256 digests with timingSafeEqual, so
// neither the key's length nor its prefix leaks through response timing.

import { createHash, timingSafeEqual } from 'node:crypto';
import { AuthenticationError } from 'llmux';
import type { PreHook } from './pre-hook.js';
import { readApiKey } from './read-api-key.js';

export function createAuthenticateHook(masterKey: string): PreHook {
  const expected = sha256(masterKey);
  return (context) => {
    const presented = readApiKey(context.request.headers);
    if (presented === undefined) {
      throw new AuthenticationError('No API key provided. Send it as "Authorization: Bearer <key>".', { code: 'missing_api_key' });
    }
    if (!timingSafeEqual(sha256(presented), expected)) {
      throw new AuthenticationError('Invalid API key.', { code: 'invalid_api_key' });
    }
  };
}

function sha256(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}
