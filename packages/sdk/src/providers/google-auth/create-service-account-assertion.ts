// The signed JWT a service account trades for an access token (RFC 7523 JWT bearer grant):
// RS256 over `header.claims`, with the token endpoint as audience. Signed with node:crypto
// so that the SDK needs no Google auth library.

import { createPrivateKey, sign } from 'node:crypto';
import { AuthenticationError } from '../../errors/error-classes.js';
import type { ServiceAccountCredentials } from './google-credentials.js';

/** Google accepts assertions valid for at most one hour. */
const ASSERTION_LIFETIME_SECONDS = 3600;

export interface AssertionOptions {
  scope: string;
  audience: string;
  /** Seconds since the epoch. */
  now: number;
  provider: string;
  model: string;
}

export function createServiceAccountAssertion(credentials: ServiceAccountCredentials, options: AssertionOptions): string {
  const header: Record<string, string> = { alg: 'RS256', typ: 'JWT' };
  if (credentials.private_key_id) header['kid'] = credentials.private_key_id;
  const claims = {
    iss: credentials.client_email,
    scope: options.scope,
    aud: options.audience,
    iat: options.now,
    exp: options.now + ASSERTION_LIFETIME_SECONDS,
  };
  const signingInput = `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(claims))}`;
  let signature: Buffer;
  try {
    signature = sign('RSA-SHA256', Buffer.from(signingInput), createPrivateKey(credentials.private_key));
  } catch {
    // node:crypto's message may include key material; say only which field is wrong.
    throw new AuthenticationError(`the service account ${credentials.client_email} has a private_key that is not a valid PEM RSA key`, {
      provider: options.provider,
      model: options.model,
      code: 'invalid_credentials',
    });
  }
  return `${signingInput}.${signature.toString('base64url')}`;
}

function base64url(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64url');
}
