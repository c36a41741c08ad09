// The client-credentials exchange against a scripted token endpoint: the form it posts, the
// lifetime it reads (number or string), and how each kind of failure is typed.

import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import { sendJson, startFakeServer, type FakeServer } from '@llmux/fake-upstreams';
import { AuthenticationError, BadGatewayError, ServiceUnavailableError } from '../../errors/error-classes.js';
import { HttpClient } from '../../http/http-client.js';
import { entraTokenUrl } from './entra-credentials.js';
import { requestEntraToken } from './request-entra-token.js';

describe('requestEntraToken', () => {
  let server: FakeServer;
  let answer: { status: number; body: unknown } = { status: 200, body: {} };
  const http = new HttpClient();
  const context = { http, provider: 'azure', model: 'd', timeoutMs: 5000 };
  const credentials = () => ({ tenantId: 'contoso.onmicrosoft.com', clientId: 'app-1', clientSecret: 'very-secret-value-1', authorityHost: `${server.url}/` });

  before(async () => {
    server = await startFakeServer((_request, response) => sendJson(response, answer.status, answer.body));
  });
  after(async () => {
    await server.close();
    await http.close();
  });

  it('posts the client-credentials form and reads the lifetime, as a number or a string', async () => {
    answer = { status: 200, body: { token_type: 'Bearer', expires_in: 3599, ext_expires_in: 3599, access_token: 'tok-1' } };
    assert.deepEqual(await requestEntraToken(credentials(), context, 1000), { token: 'tok-1', issuedAt: 1000, expiresAt: 1000 + 3_599_000 });
    assert.equal(server.requests.at(-1)?.url, '/contoso.onmicrosoft.com/oauth2/v2.0/token');
    assert.equal(
      server.requests.at(-1)?.text,
      'grant_type=client_credentials&client_id=app-1&client_secret=very-secret-value-1&scope=https%3A%2F%2Fcognitiveservices.azure.com%2F.default',
    );
    answer = { status: 200, body: { token_type: 'Bearer', expires_in: '3600', access_token: 'tok-2' } };
    assert.equal((await requestEntraToken(credentials(), context, 0)).expiresAt, 3_600_000);
  });

  it('defaults to the public cloud authority', () => {
    assert.equal(entraTokenUrl({ tenantId: 't', clientId: 'c', clientSecret: 's' }), 'https://login.microsoftonline.com/t/oauth2/v2.0/token');
  });

  it('types a refusal as a 401 with Entra’s code, the secret redacted', async () => {
    answer = { status: 400, body: { error: 'unauthorized_client', error_description: 'AADSTS700016: Application with identifier app-1 was not found. very-secret-value-1' } };
    await assert.rejects(requestEntraToken(credentials(), context, 0), (error: unknown) => {
      assert.ok(error instanceof AuthenticationError);
      assert.equal(error.code, 'unauthorized_client');
      assert.ok(!error.message.includes('very-secret-value-1'));
      return true;
    });
  });

  it('keeps an outage retryable and a malformed body a 502', async () => {
    answer = { status: 503, body: { error: 'temporarily_unavailable', error_description: 'try later' } };
    await assert.rejects(requestEntraToken(credentials(), context, 0), (error: unknown) => error instanceof ServiceUnavailableError && error.retryable);
    answer = { status: 200, body: { token_type: 'Bearer' } };
    await assert.rejects(requestEntraToken(credentials(), context, 0), BadGatewayError);
  });
});
