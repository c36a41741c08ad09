// Azure credentials through completion(): api-key, a ready Entra ID token, and client
// credentials exchanged at a fake Entra endpoint (fetched once, shared by concurrent calls,
// refreshed after expiry, evicted after a 401), plus the errors for missing configuration.

import { strict as assert } from 'node:assert';
import { after, before, beforeEach, describe, it } from 'node:test';
import { startFakeAzureUpstream, startFakeEntraTokenEndpoint, type FakeEntraServer, type FakeServer } from '@llmux/fake-upstreams';
import { AuthenticationError, BadRequestError, ProviderRegistry, completion, embedding, type ChatMessage } from '../../index.js';
import { EntraTokenCache } from '../azure-ad/index.js';
import { withoutAzureEnv } from './__fixtures__/without-azure-env.js';
import { createAzureProvider } from './index.js';

const API_KEY = 'azure-test-key-0123456789';
const READY_TOKEN = 'ready-made-entra-token-abc';
const ENTRA = { tenantId: 'tenant-az', clientId: 'client-az', clientSecret: 'client-secret-az-123456' };
const hi: ChatMessage[] = [{ role: 'user', content: 'hi' }];

describe('azure credentials', () => {
  let entra: FakeEntraServer;
  let fake: FakeServer;
  let clock = 1_000_000;
  let registry: ProviderRegistry;
  const clientCredentials = () => ({
    api_base: fake.url,
    tenant_id: ENTRA.tenantId,
    client_id: ENTRA.clientId,
    client_secret: ENTRA.clientSecret,
    azure_authority_host: entra.url,
  });
  const tokenRequests = () => entra.requests.length;

  withoutAzureEnv();
  before(async () => {
    entra = await startFakeEntraTokenEndpoint({ ...ENTRA, expiresIn: 3600 });
    fake = await startFakeAzureUpstream({ apiKey: API_KEY, token: (token) => token === READY_TOKEN || entra.isIssued(token) });
  });
  after(async () => {
    await fake.close();
    await entra.close();
  });
  beforeEach(() => {
    // A fresh adapter and token cache on a fake clock for each test.
    registry = new ProviderRegistry([createAzureProvider({ tokenCache: new EntraTokenCache({ now: () => clock }) })]);
    entra.requests.length = 0;
  });

  it('sends a ready Entra ID token as a bearer token, not api-key', async () => {
    await completion({ model: 'azure/my-gpt', messages: hi, api_base: fake.url, azure_ad_token: READY_TOKEN, registry });
    assert.equal(fake.requests.at(-1)?.headers.authorization, `Bearer ${READY_TOKEN}`);
    assert.equal(fake.requests.at(-1)?.headers['api-key'], undefined);
  });

  it('exchanges client credentials once for several calls, concurrent ones included', async () => {
    await completion({ model: 'azure/my-gpt', messages: hi, ...clientCredentials(), registry });
    await Promise.all([
      completion({ model: 'azure/my-gpt', messages: hi, ...clientCredentials(), registry }),
      embedding({ model: 'azure/my-embedder', input: 'x', ...clientCredentials(), registry }),
    ]);
    assert.equal(tokenRequests(), 1);
    const sentToken = entra.issued.at(-1);
    assert.ok(fake.requests.slice(-3).every((request) => request.headers.authorization === `Bearer ${sentToken}`));

    const form = new URLSearchParams(entra.requests[0]?.text);
    assert.equal(entra.requests[0]?.url, `/${ENTRA.tenantId}/oauth2/v2.0/token`);
    assert.equal(entra.requests[0]?.headers['content-type'], 'application/x-www-form-urlencoded');
    assert.deepEqual(Object.fromEntries(form), {
      grant_type: 'client_credentials',
      client_id: ENTRA.clientId,
      client_secret: ENTRA.clientSecret,
      scope: 'https://cognitiveservices.azure.com/.default',
    });
  });

  it('shares one in-flight token request among concurrent first calls', async () => {
    await Promise.all([1, 2, 3].map(() => completion({ model: 'azure/my-gpt', messages: hi, ...clientCredentials(), registry })));
    assert.equal(tokenRequests(), 1);
  });

  it('refreshes the token shortly before it expires', async () => {
    await completion({ model: 'azure/my-gpt', messages: hi, ...clientCredentials(), registry });
    clock += 50 * 60 * 1000; // 50 of 60 minutes: still outside the 5-minute margin
    await completion({ model: 'azure/my-gpt', messages: hi, ...clientCredentials(), registry });
    assert.equal(tokenRequests(), 1);
    clock += 6 * 60 * 1000; // 4 minutes left: refreshed
    await completion({ model: 'azure/my-gpt', messages: hi, ...clientCredentials(), registry });
    assert.equal(tokenRequests(), 2);
    assert.equal(fake.requests.at(-1)?.headers.authorization, `Bearer ${entra.issued.at(-1)}`);
  });

  it('evicts a token the upstream refuses, so the next call fetches a new one', async () => {
    const strict = await startFakeAzureUpstream({ token: 'only-this-token' });
    try {
      const call = () => completion({ model: 'azure/my-gpt', messages: hi, ...clientCredentials(), api_base: strict.url, registry });
      await assert.rejects(call(), AuthenticationError);
      await assert.rejects(call(), AuthenticationError);
      assert.equal(tokenRequests(), 2);
    } finally {
      await strict.close();
    }
  });

  it('reads credentials from the environment, the call’s own winning', async () => {
    process.env['AZURE_API_BASE'] = fake.url;
    process.env['AZURE_API_KEY'] = API_KEY;
    try {
      await completion({ model: 'azure/my-gpt', messages: hi, registry });
      assert.equal(fake.requests.at(-1)?.headers['api-key'], API_KEY);
      await completion({ model: 'azure/my-gpt', messages: hi, azure_ad_token: READY_TOKEN, registry });
      assert.equal(fake.requests.at(-1)?.headers.authorization, `Bearer ${READY_TOKEN}`);
      assert.equal(fake.requests.at(-1)?.headers['api-key'], undefined);
    } finally {
      delete process.env['AZURE_API_BASE'];
      delete process.env['AZURE_API_KEY'];
    }
  });

  it('refuses wrong client credentials with a 401 that names Entra’s reason but not the secret', async () => {
    const wrongSecret = 'wrong-client-secret-999999';
    await assert.rejects(completion({ model: 'azure/my-gpt', messages: hi, ...clientCredentials(), client_secret: wrongSecret, registry }), (error: unknown) => {
      assert.ok(error instanceof AuthenticationError);
      assert.equal(error.code, 'invalid_client');
      assert.match(error.message, /Entra ID refused the client credentials \(invalid_client: AADSTS7000215/);
      assert.ok(!error.message.includes(wrongSecret));
      return true;
    });
    assert.equal(fake.requests.filter((request) => request.headers.authorization?.includes('wrong')).length, 0);
  });

  it('names a missing api_base', async () => {
    await assert.rejects(completion({ model: 'azure/my-gpt', messages: hi, api_key: API_KEY, registry }), (error: unknown) => {
      assert.ok(error instanceof BadRequestError);
      assert.equal(error.param, 'api_base');
      assert.match(error.message, /pass api_base .* or set AZURE_API_BASE or AZURE_OPENAI_ENDPOINT/);
      return true;
    });
  });

  it('names missing credentials, and the missing part of client credentials', async () => {
    await assert.rejects(completion({ model: 'azure/my-gpt', messages: hi, api_base: fake.url, registry }), (error: unknown) => {
      assert.ok(error instanceof AuthenticationError);
      assert.match(error.message, /pass api_key .*azure_ad_token .*tenant_id, client_id and client_secret/);
      return true;
    });
    const { client_secret: _secret, ...partial } = clientCredentials();
    await assert.rejects(completion({ model: 'azure/my-gpt', messages: hi, ...partial, registry }), (error: unknown) => {
      assert.ok(error instanceof AuthenticationError);
      assert.equal(error.message, 'incomplete Entra ID client credentials for azure: missing client_secret (or AZURE_CLIENT_SECRET)');
      return true;
    });
    assert.equal(tokenRequests(), 0);
  });
});
