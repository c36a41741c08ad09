// Credentials loading and the token exchange against the fake Google token endpoint, which
// verifies the RS256 assertion with the service account's public key.

import { strict as assert } from 'node:assert';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createFakeServiceAccount, startFakeGoogleTokenServer, type FakeGoogleTokenServer } from '@llmux/fake-upstreams';
import { AuthenticationError } from '../../errors/error-classes.js';
import { HttpClient } from '../../http/http-client.js';
import { GoogleAccessTokenCache, getGoogleAccessToken, loadGoogleCredentials } from './index.js';

const SOURCE = { name: 'vertex_credentials', provider: 'vertex_ai', model: 'gemini-test' };

describe('google auth', () => {
  let tokenServer: FakeGoogleTokenServer;
  let http: HttpClient;
  let directory: string;

  before(async () => {
    tokenServer = await startFakeGoogleTokenServer({
      authorizedUsers: [{ clientId: 'client-1.apps.googleusercontent.com', clientSecret: 'd-secret-123', refreshToken: '1//refresh-token-abc' }],
    });
    http = new HttpClient();
    directory = await mkdtemp(join(tmpdir(), 'llmux-google-auth-'));
  });
  after(async () => {
    await http.close();
    await tokenServer.close();
    await rm(directory, { recursive: true, force: true });
  });

  const context = () => ({ http, provider: 'vertex_ai', model: 'gemini-test', timeoutMs: 5000 });

  it('loads a key file from a path, from JSON text and from an object', async () => {
    const account = tokenServer.createServiceAccount({ projectId: 'p-1' });
    const path = join(directory, 'key.json');
    await writeFile(path, JSON.stringify(account.keyFile));
    for (const value of [path, JSON.stringify(account.keyFile), account.keyFile]) {
      const credentials = await loadGoogleCredentials({ ...SOURCE, value });
      assert.equal(credentials.type, 'service_account');
      assert.equal(credentials.type === 'service_account' ? credentials.client_email : '', account.keyFile.client_email);
    }
  });

  it('says what is wrong with credentials without echoing them', async () => {
    const account = tokenServer.createServiceAccount();
    const { private_key: privateKey, ...withoutKey } = account.keyFile;
    const checks: Array<[unknown, RegExp]> = [
      [withoutKey, /vertex_credentials \(type "service_account"\) is missing or has invalid private_key/],
      [{ ...account.keyFile, type: 'external_account' }, /must be a service account key/],
      [`{"type":"service_account","private_key":"${privateKey.slice(0, 40)}`, /vertex_credentials is not valid JSON/],
      [join(directory, 'missing.json'), /could not read the credentials file .*missing\.json named by vertex_credentials \(ENOENT\)/],
    ];
    for (const [value, message] of checks) {
      await assert.rejects(loadGoogleCredentials({ ...SOURCE, value }), (error: unknown) => {
        assert.ok(error instanceof AuthenticationError);
        assert.match(error.message, message);
        assert.ok(!error.message.includes('PRIVATE KEY'), error.message);
        return true;
      });
    }
  });

  it('exchanges a signed assertion for a token, once per cache lifetime', async () => {
    const account = tokenServer.createServiceAccount();
    const credentials = await loadGoogleCredentials({ ...SOURCE, value: account.keyFile });
    const cache = new GoogleAccessTokenCache();
    const before = tokenServer.requests.length;
    const [first, second] = await Promise.all([getGoogleAccessToken(credentials, context(), { cache }), getGoogleAccessToken(credentials, context(), { cache })]);
    assert.equal(first, second);
    assert.equal(tokenServer.requests.length - before, 1);
    assert.equal(first, tokenServer.issued.at(-1));
    const form = new URLSearchParams(tokenServer.requests.at(-1)?.text);
    assert.equal(form.get('grant_type'), 'urn:ietf:params:oauth:grant-type:jwt-bearer');
    const claims = JSON.parse(Buffer.from(form.get('assertion')?.split('.')[1] ?? '', 'base64url').toString()) as Record<string, unknown>;
    assert.equal(claims['iss'], account.keyFile.client_email);
    assert.equal(claims['aud'], tokenServer.tokenUri);
    assert.equal(claims['scope'], 'https://www.googleapis.com/auth/cloud-platform');
    assert.equal(Number(claims['exp']) - Number(claims['iat']), 3600);
  });

  it('turns a refused assertion into AuthenticationError without the assertion or key', async () => {
    const stranger = createFakeServiceAccount({ tokenUri: tokenServer.tokenUri });
    const credentials = await loadGoogleCredentials({ ...SOURCE, value: stranger.keyFile });
    await assert.rejects(getGoogleAccessToken(credentials, context(), { cache: new GoogleAccessTokenCache() }), (error: unknown) => {
      assert.ok(error instanceof AuthenticationError);
      assert.match(error.message, /token exchange at .* failed: invalid_grant: Invalid JWT Signature\./);
      const assertion = new URLSearchParams(tokenServer.requests.at(-1)?.text).get('assertion') ?? '';
      assert.ok(assertion.length > 100 && !error.message.includes(assertion));
      assert.ok(!error.message.includes(stranger.keyFile.private_key));
      return true;
    });
    const broken = await loadGoogleCredentials({ ...SOURCE, value: { ...stranger.keyFile, private_key: '-----BEGIN PRIVATE KEY-----\nnot a key\n-----END PRIVATE KEY-----\n' } });
    await assert.rejects(getGoogleAccessToken(broken, context(), { cache: new GoogleAccessTokenCache() }), /private_key that is not a valid PEM RSA key/);
  });

  it('refreshes an authorized user token with its refresh token', async () => {
    const user = {
      type: 'authorized_user',
      client_id: 'client-1.apps.googleusercontent.com',
      client_secret: 'd-secret-123',
      refresh_token: '1//refresh-token-abc',
      token_uri: tokenServer.tokenUri,
    };
    const credentials = await loadGoogleCredentials({ ...SOURCE, value: user });
    const token = await getGoogleAccessToken(credentials, context(), { cache: new GoogleAccessTokenCache() });
    assert.equal(token, tokenServer.issued.at(-1));
    const revoked = await loadGoogleCredentials({ ...SOURCE, value: { ...user, refresh_token: '1//revoked' } });
    await assert.rejects(getGoogleAccessToken(revoked, context(), { cache: new GoogleAccessTokenCache() }), (error: unknown) => {
      assert.ok(error instanceof AuthenticationError);
      assert.ok(!error.message.includes('1//revoked') && !error.message.includes('d-secret-123'));
      return true;
    });
  });

  it('reports an unreachable or failing token endpoint as a retryable error', async () => {
    const account = createFakeServiceAccount({ tokenUri: `${tokenServer.url}/token-down` });
    const credentials = await loadGoogleCredentials({ ...SOURCE, value: account.keyFile });
    await assert.rejects(getGoogleAccessToken(credentials, context(), { cache: new GoogleAccessTokenCache() }), (error: unknown) => {
      // The fake answers unknown paths with 404, which is no credential verdict.
      assert.equal((error as { status?: number }).status, 404);
      return true;
    });
    const closed = createFakeServiceAccount({ tokenUri: 'http://127.0.0.1:1/token' });
    const unreachable = await loadGoogleCredentials({ ...SOURCE, value: closed.keyFile });
    await assert.rejects(getGoogleAccessToken(unreachable, context(), { cache: new GoogleAccessTokenCache() }), (error: unknown) => {
      assert.equal((error as { retryable?: boolean }).retryable, true);
      assert.equal((error as { name?: string }).name, 'APIConnectionError');
      return true;
    });
  });
});
