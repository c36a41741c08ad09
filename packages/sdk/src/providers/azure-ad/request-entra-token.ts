// One client-credentials exchange at the Entra ID token endpoint, through the caller's
// HttpClient. A refusal (bad secret, unknown client or tenant) is a 401 naming the reason
// Entra gave; throttling and outages keep their status, so the router may retry them.

import { z } from 'zod';
import { BadGatewayError } from '../../errors/error-classes.js';
import { isLlmuxError } from '../../errors/to-openai-error-body.js';
import { createUpstreamError, type UpstreamErrorParser } from '../../http/create-upstream-error.js';
import { toConnectionError } from '../../http/http-client.js';
import { readJson } from '../../http/read-body.js';
import type { ProviderCallContext } from '../provider-adapter.js';
import { COGNITIVE_SERVICES_SCOPE, entraTokenUrl, type EntraClientCredentials } from './entra-credentials.js';

/**
 * No abort signal: one request serves every caller waiting on it, so one caller giving up
 * must not fail the others. Its own upstream call still honours its signal.
 */
export type EntraTokenRequestContext = Pick<ProviderCallContext, 'http' | 'provider' | 'model' | 'timeoutMs'>;

export interface EntraAccessToken {
  token: string;
  /** Milliseconds since the epoch. */
  expiresAt: number;
  /** When the token was requested; lifetimes are counted from here, to err early. */
  issuedAt: number;
}

/** A token endpoint slower than this is down; the call fails instead of hanging on it. */
const MAX_TOKEN_WAIT_MS = 30_000;

const tokenResponseSchema = z.looseObject({
  access_token: z.string().min(1),
  // Entra's v1 endpoint sent the lifetime as a string; accept both.
  expires_in: z.union([z.number(), z.string().regex(/^\d+$/).transform(Number)]),
  token_type: z.string().optional(),
});

const errorBodySchema = z.looseObject({ error: z.string(), error_description: z.string().optional() });

export async function requestEntraToken(credentials: EntraClientCredentials, context: EntraTokenRequestContext, now: number): Promise<EntraAccessToken> {
  const body = new URLSearchParams({
    grant_type: 'client_credentials',
    client_id: credentials.clientId,
    client_secret: credentials.clientSecret,
    scope: credentials.scope ?? COGNITIVE_SERVICES_SCOPE,
  }).toString();
  const secrets = [credentials.clientSecret];
  const response = await context.http.send({
    url: entraTokenUrl(credentials),
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
    body,
    timeoutMs: Math.min(context.timeoutMs, MAX_TOKEN_WAIT_MS),
    provider: context.provider,
    model: context.model,
  });
  if (response.status < 200 || response.status >= 300) {
    throw await createUpstreamError(response, parseEntraError, { provider: context.provider, model: context.model, secrets });
  }
  let json: unknown;
  try {
    json = await readJson(response);
  } catch (error) {
    throw isLlmuxError(error) ? error : error instanceof SyntaxError ? invalidBody(context) : toConnectionError(error, context);
  }
  const parsed = tokenResponseSchema.safeParse(json);
  if (!parsed.success) throw invalidBody(context);
  return { token: parsed.data.access_token, expiresAt: now + parsed.data.expires_in * 1000, issuedAt: now };
}

const parseEntraError: UpstreamErrorParser = (body, text, status) => {
  const parsed = errorBodySchema.safeParse(body);
  const reason = parsed.success ? `${parsed.data.error}: ${parsed.data.error_description ?? ''}`.trim() : text.trim();
  const refused = status === 400 || status === 401 || status === 403;
  return {
    message: `Microsoft Entra ID ${refused ? 'refused the client credentials' : `token endpoint returned HTTP ${status}`}${reason === '' ? '' : ` (${reason})`}`,
    code: parsed.success ? parsed.data.error : null,
    // A refused credential is an authentication failure whatever status Entra chose for it.
    kind: refused ? 'authentication' : undefined,
  };
};

function invalidBody(context: EntraTokenRequestContext): BadGatewayError {
  return new BadGatewayError('Microsoft Entra ID returned a token response without access_token and expires_in', {
    provider: context.provider,
    model: context.model,
  });
}
