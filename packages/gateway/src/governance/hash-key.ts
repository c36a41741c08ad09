// Virtual keys are stored and looked up only as their sha256 (hex), as LiteLLM does, so a
// leaked database holds no usable key. One hash per request; nothing slower is needed for
// 256-bit random keys.

import { createHash, randomBytes } from 'node:crypto';

export function hashKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

/** A new virtual key: `sk-` and 22 url-safe base64 characters (132 random bits), as LiteLLM's length. */
export function generateKey(): string {
  return `sk-${randomBytes(16).toString('base64url')}`;
}

/** The display form kept beside the hash: `sk-...wxyz`. */
export function abbreviateKey(key: string): string {
  return `sk-...${key.slice(-4)}`;
}
