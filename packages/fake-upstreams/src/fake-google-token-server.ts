// A fake Google OAuth token endpoint on 127.0.0.1:0. It checks a service account's JWT
// assertion as Google does: RS256 signature against the account's public key, issuer,
// audience (this endpoint), scope and lifetime; and it accepts refresh tokens of known
// authorized users. Issued tokens are listed so a fake API can accept exactly those.

import { randomBytes, verify, type KeyObject } from 'node:crypto';
import { createFakeServiceAccount, type FakeServiceAccount } from './fake-google-service-account.js';
import { sendJson, startFakeServer, type FakeServer } from './start-fake-server.js';

export interface FakeGoogleTokenOptions {
  /** Service accounts whose assertions are accepted. */
  serviceAccounts?: Array<{ clientEmail: string; publicKey: KeyObject }>;
  /** Authorized users (`gcloud auth application-default login`) whose refresh tokens are accepted. */
  authorizedUsers?: Array<{ clientId: string; clientSecret: string; refreshToken: string }>;
  /** Lifetime of each issued token (default 3599 s, as Google answers). */
  expiresInSeconds?: number;
}

export interface FakeGoogleTokenServer extends FakeServer {
  /** The URL to put in a key file's token_uri: `<url>/token`. */
  tokenUri: string;
  /** Every access token issued so far, oldest first. */
  issued: string[];
  /** Lifetime given to tokens issued from now on. */
  expiresInSeconds: number;
  /** Creates a service account whose key file points here, and accepts its assertions. */
  createServiceAccount(options?: { projectId?: string; clientEmail?: string }): FakeServiceAccount;
}

const JWT_BEARER = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
const MAX_LIFETIME_SECONDS = 3600;
const CLOCK_SKEW_SECONDS = 300;

export async function startFakeGoogleTokenServer(options: FakeGoogleTokenOptions = {}): Promise<FakeGoogleTokenServer> {
  const issued: string[] = [];
  const accounts = [...(options.serviceAccounts ?? [])];
  const state = { tokenUri: '', expiresInSeconds: options.expiresInSeconds ?? 3599 };
  const server = await startFakeServer((request, response) => {
    const deny = (status: number, error: string, description: string): void => sendJson(response, status, { error, error_description: description });
    if (request.method !== 'POST' || request.url !== '/token') return deny(404, 'not_found', 'Not Found');
    if (!String(request.headers['content-type']).startsWith('application/x-www-form-urlencoded')) {
      return deny(400, 'invalid_request', 'Invalid content type; expected application/x-www-form-urlencoded.');
    }
    const form = new URLSearchParams(request.text);
    const grantType = form.get('grant_type');
    let problem: string | undefined;
    if (grantType === JWT_BEARER) problem = checkAssertion(form.get('assertion') ?? '', state.tokenUri, accounts);
    else if (grantType === 'refresh_token') problem = checkRefreshToken(form, options.authorizedUsers ?? []);
    else return deny(400, 'unsupported_grant_type', `Invalid grant_type: ${grantType ?? ''}`);
    if (problem !== undefined) return deny(400, 'invalid_grant', problem);
    const token = `ya29.fake-${issued.length + 1}-${randomBytes(16).toString('base64url')}`;
    issued.push(token);
    sendJson(response, 200, { access_token: token, expires_in: state.expiresInSeconds, token_type: 'Bearer' });
  });
  state.tokenUri = `${server.url}/token`;
  return {
    ...server,
    tokenUri: state.tokenUri,
    issued,
    get expiresInSeconds() {
      return state.expiresInSeconds;
    },
    set expiresInSeconds(value: number) {
      state.expiresInSeconds = value;
    },
    createServiceAccount(accountOptions = {}) {
      const account = createFakeServiceAccount({ ...accountOptions, tokenUri: state.tokenUri });
      accounts.push({ clientEmail: account.keyFile.client_email, publicKey: account.publicKey });
      return account;
    },
  };
}

function checkAssertion(assertion: string, audience: string, accounts: ReadonlyArray<{ clientEmail: string; publicKey: KeyObject }>): string | undefined {
  const pieces = assertion.split('.');
  if (pieces.length !== 3) return 'Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe.';
  const [headerText = '', claimsText = '', signatureText = ''] = pieces;
  const header = decodeJson(headerText);
  const claims = decodeJson(claimsText);
  if (header?.['alg'] !== 'RS256') return 'Invalid JWT: unsupported signing algorithm.';
  const account = accounts.find((candidate) => candidate.clientEmail === claims?.['iss']);
  if (claims === undefined || account === undefined) return 'Invalid JWT Signature.';
  const valid = verify('RSA-SHA256', Buffer.from(`${headerText}.${claimsText}`), account.publicKey, Buffer.from(signatureText, 'base64url'));
  if (!valid) return 'Invalid JWT Signature.';
  if (claims['aud'] !== audience) return `Invalid JWT: audience must be ${audience}.`;
  if (typeof claims['scope'] !== 'string' || claims['scope'] === '') return 'Invalid JWT: no scope.';
  const now = Math.floor(Date.now() / 1000);
  const iat = claims['iat'];
  const exp = claims['exp'];
  if (typeof iat !== 'number' || typeof exp !== 'number' || iat > now + CLOCK_SKEW_SECONDS || exp < now || exp - iat > MAX_LIFETIME_SECONDS) {
    return 'Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe. Check your iat and exp values in the JWT claim.';
  }
  return undefined;
}

function checkRefreshToken(form: URLSearchParams, users: ReadonlyArray<{ clientId: string; clientSecret: string; refreshToken: string }>): string | undefined {
  const user = users.find((candidate) => candidate.clientId === form.get('client_id'));
  if (user === undefined || user.clientSecret !== form.get('client_secret')) return 'The OAuth client was not found.';
  return user.refreshToken === form.get('refresh_token') ? undefined : 'Token has been expired or revoked.';
}

function decodeJson(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
