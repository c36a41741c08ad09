// IBM Cloud IAM: an API key exchanged for a bearer token at /identity/token
// (grant_type urn:ibm:params:oauth:grant-type:apikey), kept per key until shortly before it
// expires and shared by concurrent calls. A refused key is a 401 with IAM's reason, never
// the key itself.

import { z } from 'zod';
import { BadGatewayError } from '../../errors/error-classes.js';
import { createUpstreamError, type UpstreamErrorParser } from '../../http/create-upstream-error.js';
import { readJson } from '../../http/read-body.js';
import { AccessTokenCache, type CachedAccessToken } from '../oauth/access-token-cache.js';
import type { ProviderCallContext } from '../provider-adapter.js';

interface IamToken extends CachedAccessToken {
  issuedAt: number;
}

/** An IAM endpoint slower than this is down; the call fails instead of hanging on it. */
const MAX_TOKEN_WAIT_MS = 30_000;

const tokenSchema = z.looseObject({ access_token: z.string().min(1), expires_in: z.number() });
const iamErrorSchema = z.looseObject({ errorCode: z.string().optional(), errorMessage: z.string() });

class IamTokenCache extends AccessTokenCache<IamToken> {
  /** Short-lived tokens (a test fake's) would otherwise never be reused. */
  protected isFresh(token: IamToken, now: number): boolean {
    return now < token.expiresAt - Math.min(this.refreshMarginMs, (token.expiresAt - token.issuedAt) / 2);
  }
}

const sharedCache = new IamTokenCache();

/** Keyed by IAM URL and API key, so two accounts never share a token. */
export function getIamToken(apiKey: string, iamUrl: string, context: ProviderCallContext): Promise<string> {
  return sharedCache.get(`${iamUrl}\n${apiKey}`, (now) => requestIamToken(apiKey, iamUrl, context, now));
}

export function invalidateIamToken(apiKey: string, iamUrl: string, token: string): void {
  sharedCache.invalidate(`${iamUrl}\n${apiKey}`, token);
}

async function requestIamToken(apiKey: string, iamUrl: string, context: ProviderCallContext, now: number): Promise<IamToken> {
  const response = await context.http.send({
    url: iamUrl,
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
    body: new URLSearchParams({ grant_type: 'urn:ibm:params:oauth:grant-type:apikey', apikey: apiKey }).toString(),
    timeoutMs: Math.min(context.timeoutMs, MAX_TOKEN_WAIT_MS),
    provider: context.provider,
    model: context.model,
  });
  if (response.status < 200 || response.status >= 300) {
    throw await createUpstreamError(response, parseIamError, { provider: context.provider, model: context.model, secrets: [apiKey] });
  }
  const parsed = tokenSchema.safeParse(await readJson(response));
  if (!parsed.success) throw new BadGatewayError('IBM Cloud IAM sent a token response without access_token and expires_in', { provider: context.provider, model: context.model });
  return { token: parsed.data.access_token, expiresAt: now + parsed.data.expires_in * 1000, issuedAt: now };
}

const parseIamError: UpstreamErrorParser = (body, text, status) => {
  const parsed = iamErrorSchema.safeParse(body);
  const reason = parsed.success ? `${parsed.data.errorCode ?? ''} ${parsed.data.errorMessage}`.trim() : text.trim();
  const refused = status === 400 || status === 401 || status === 403;
  return {
    message: `IBM Cloud IAM ${refused ? 'refused the API key' : `returned HTTP ${status}`}${reason === '' ? '' : ` (${reason})`}`,
    ...(refused ? { kind: 'authentication' as const } : {}),
  };
};
