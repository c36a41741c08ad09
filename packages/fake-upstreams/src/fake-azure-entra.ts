// A fake Microsoft Entra ID token endpoint (`POST /{tenant}/oauth2/v2.0/token`, client
// credentials grant) on 127.0.0.1:0. It refuses wrong tenants, clients and secrets with
// Entra's error body shape, and counts the tokens it issues.

import { sendJson, startFakeServer, type FakeServer } from './start-fake-server.js';

export interface FakeEntraOptions {
  tenantId: string;
  clientId: string;
  clientSecret: string;
  /** Token lifetime in seconds (default 3599, as Entra issues them). */
  expiresIn?: number;
  /** The scope the client must ask for (default Azure AI services'). */
  scope?: string;
}

export interface FakeEntraServer extends FakeServer {
  /** Tokens issued so far, oldest first. */
  readonly issued: readonly string[];
  /** Whether the token is one this endpoint issued (pass as startFakeAzureUpstream's `token`). */
  isIssued(token: string): boolean;
}

const DEFAULT_SCOPE = 'https://cognitiveservices.azure.com/.default';

export async function startFakeEntraTokenEndpoint(options: FakeEntraOptions): Promise<FakeEntraServer> {
  const issued: string[] = [];
  const server = await startFakeServer((request, response) => {
    const refuse = (status: number, error: string, code: number, description: string): void =>
      sendJson(response, status, {
        error,
        error_description: `AADSTS${code}: ${description} Trace ID: 00000000-0000-0000-0000-000000000000 Timestamp: 2025-01-01 00:00:00Z`,
        error_codes: [code],
        timestamp: '2025-01-01 00:00:00Z',
        error_uri: `https://login.microsoftonline.com/error?code=${code}`,
      });
    const match = /^\/([^/]+)\/oauth2\/v2\.0\/token$/.exec(request.url);
    if (request.method !== 'POST' || match === null) return refuse(404, 'invalid_request', 900561, 'The endpoint only accepts POST requests.');
    if (decodeURIComponent(match[1] ?? '') !== options.tenantId) {
      return refuse(400, 'invalid_request', 90002, `Tenant '${match[1] ?? ''}' not found.`);
    }
    if (!String(request.headers['content-type']).startsWith('application/x-www-form-urlencoded')) {
      return refuse(400, 'invalid_request', 900144, "The request body must contain the following parameter: 'grant_type'.");
    }
    const form = new URLSearchParams(request.text);
    if (form.get('grant_type') !== 'client_credentials') {
      return refuse(400, 'unsupported_grant_type', 70003, 'The app requested an unsupported grant type.');
    }
    if (form.get('client_id') !== options.clientId) {
      return refuse(400, 'unauthorized_client', 700016, `Application with identifier '${form.get('client_id') ?? ''}' was not found in the directory.`);
    }
    if (form.get('client_secret') !== options.clientSecret) {
      return refuse(401, 'invalid_client', 7000215, 'Invalid client secret provided.');
    }
    if (form.get('scope') !== (options.scope ?? DEFAULT_SCOPE)) {
      return refuse(400, 'invalid_scope', 1002012, `The provided value for scope ${form.get('scope') ?? ''} is not valid.`);
    }
    const token = `fake-entra-token-${issued.length + 1}-${options.clientId}`;
    issued.push(token);
    const lifetime = options.expiresIn ?? 3599;
    return sendJson(response, 200, { token_type: 'Bearer', expires_in: lifetime, ext_expires_in: lifetime, access_token: token });
  });
  return Object.assign(server, { issued, isIssued: (token: string) => issued.includes(token) });
}
