// One OAuth token exchange at the credential's token_uri, through the shared undici pool:
// a signed JWT for a service account, a refresh token for an authorized user. Failures
// become typed errors whose messages never carry the assertion or any secret.

import { BadGatewayError } from '../../errors/error-classes.js';
import { createErrorFromStatus } from '../../errors/create-error-from-status.js';
import { isLlmuxError } from '../../errors/to-openai-error-body.js';
import type { HttpClient } from '../../http/http-client.js';
import { toConnectionError } from '../../http/http-client.js';
import { readErrorText, readJson, tryParseJson } from '../../http/read-body.js';
import { redactSecrets } from '../../http/redact-secrets.js';
import { createServiceAccountAssertion } from './create-service-account-assertion.js';
import { GOOGLE_TOKEN_URI, credentialSecrets, googleTokenErrorSchema, googleTokenResponseSchema, type GoogleCredentials } from './google-credentials.js';

export interface TokenRequestContext {
  http: HttpClient;
  provider: string;
  model: string;
  timeoutMs: number;
}

export interface GoogleAccessToken {
  token: string;
  /** Milliseconds since the epoch. */
  expiresAt: number;
}

/** Google's tokens live an hour; a response without expires_in is taken to mean that. */
const DEFAULT_LIFETIME_SECONDS = 3600;

export async function requestGoogleAccessToken(credentials: GoogleCredentials, scope: string, context: TokenRequestContext, now: number): Promise<GoogleAccessToken> {
  const tokenUri = credentials.token_uri ?? GOOGLE_TOKEN_URI;
  const form = new URLSearchParams();
  if (credentials.type === 'service_account') {
    const assertion = createServiceAccountAssertion(credentials, { scope, audience: tokenUri, now: Math.floor(now / 1000), ...context });
    form.set('grant_type', 'urn:ietf:params:oauth:grant-type:jwt-bearer');
    form.set('assertion', assertion);
  } else {
    form.set('grant_type', 'refresh_token');
    form.set('client_id', credentials.client_id);
    form.set('client_secret', credentials.client_secret);
    form.set('refresh_token', credentials.refresh_token);
  }
  const secrets = [...credentialSecrets(credentials), form.get('assertion') ?? undefined];
  const options = { provider: context.provider, model: context.model };

  let json: unknown;
  try {
    // No caller signal: concurrent calls share this exchange, and one caller giving up
    // must not fail the others.
    const response = await context.http.send({
      url: tokenUri,
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: form.toString(),
      timeoutMs: context.timeoutMs,
      ...options,
    });
    if (response.status < 200 || response.status >= 300) {
      const text = await readErrorText(response);
      const parsed = googleTokenErrorSchema.safeParse(tryParseJson(text));
      const detail = parsed.success ? [parsed.data.error, parsed.data.error_description].filter(Boolean).join(': ') : `HTTP ${response.status}`;
      const message = redactSecrets(`Google token exchange at ${tokenUri} failed: ${detail}`, secrets);
      // 400 and 401 here mean the credential itself was refused (invalid_grant, invalid_client).
      const kind = response.status === 400 || response.status === 401 ? 'authentication' : undefined;
      throw createErrorFromStatus(response.status, { message, code: parsed.success ? parsed.data.error : null, kind }, options);
    }
    json = await readJson(response);
  } catch (error) {
    if (isLlmuxError(error)) throw error;
    if (error instanceof SyntaxError) throw new BadGatewayError(`Google token endpoint ${tokenUri} returned a body that is not JSON`, options);
    throw toConnectionError(error, options);
  }
  const parsed = googleTokenResponseSchema.safeParse(json);
  if (!parsed.success) throw new BadGatewayError(`Google token endpoint ${tokenUri} returned no access_token`, options);
  const lifetime = parsed.data.expires_in ?? DEFAULT_LIFETIME_SECONDS;
  return { token: parsed.data.access_token, expiresAt: now + lifetime * 1000 };
}
