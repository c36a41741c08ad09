// Which credential wins: the call's own before the environment; key, token, client credentials.

import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { AuthenticationError } from '../../errors/error-classes.js';
import { withoutAzureEnv } from './__fixtures__/without-azure-env.js';
import { resolveAzureCredential } from './resolve-azure-credential.js';

const call = (apiKey: string | undefined, settings: Record<string, unknown> = {}) => ({ apiKey, settings, provider: 'azure', model: 'd' });
const CLIENT = { tenant_id: 't', client_id: 'c', client_secret: 's' };

describe('resolveAzureCredential', () => {
  withoutAzureEnv();

  it('prefers api_key, then azure_ad_token, then client credentials', () => {
    assert.deepEqual(resolveAzureCredential(call('k', { azure_ad_token: 'tok', ...CLIENT })), { kind: 'api-key', apiKey: 'k' });
    assert.deepEqual(resolveAzureCredential(call(undefined, { azure_ad_token: 'tok', ...CLIENT })), { kind: 'token', token: 'tok' });
    assert.deepEqual(resolveAzureCredential(call(undefined, { ...CLIENT, azure_authority_host: 'http://127.0.0.1:1', azure_scope: 'api://x/.default' })), {
      kind: 'client-credentials',
      credentials: { tenantId: 't', clientId: 'c', clientSecret: 's', authorityHost: 'http://127.0.0.1:1', scope: 'api://x/.default' },
    });
  });

  it('lets settings beat the environment, and fills client-credential parts from it', () => {
    process.env['AZURE_API_KEY'] = 'env-key';
    process.env['AZURE_CLIENT_SECRET'] = 'env-secret';
    process.env['AZURE_AUTHORITY_HOST'] = 'https://login.microsoftonline.us';
    try {
      const credential = resolveAzureCredential(call(undefined, { tenant_id: 't', client_id: 'c' }));
      assert.deepEqual(credential, {
        kind: 'client-credentials',
        credentials: { tenantId: 't', clientId: 'c', clientSecret: 'env-secret', authorityHost: 'https://login.microsoftonline.us' },
      });
      assert.deepEqual(resolveAzureCredential(call(undefined)), { kind: 'api-key', apiKey: 'env-key' });
    } finally {
      for (const name of ['AZURE_API_KEY', 'AZURE_CLIENT_SECRET', 'AZURE_AUTHORITY_HOST']) delete process.env[name];
    }
  });

  it('falls back to AZURE_OPENAI_API_KEY, AZURE_AD_TOKEN, then the client-credential variables', () => {
    process.env['AZURE_TENANT_ID'] = 'et';
    process.env['AZURE_CLIENT_ID'] = 'ec';
    process.env['AZURE_CLIENT_SECRET'] = 'es';
    try {
      assert.equal(resolveAzureCredential(call(undefined)).kind, 'client-credentials');
      process.env['AZURE_AD_TOKEN'] = 'env-token';
      assert.deepEqual(resolveAzureCredential(call(undefined)), { kind: 'token', token: 'env-token' });
      process.env['AZURE_OPENAI_API_KEY'] = 'env-key-2';
      assert.deepEqual(resolveAzureCredential(call('')), { kind: 'api-key', apiKey: 'env-key-2' });
    } finally {
      for (const name of ['AZURE_TENANT_ID', 'AZURE_CLIENT_ID', 'AZURE_CLIENT_SECRET', 'AZURE_AD_TOKEN', 'AZURE_OPENAI_API_KEY']) delete process.env[name];
    }
  });

  it('names every missing client-credential part, and never a value', () => {
    assert.throws(
      () => resolveAzureCredential(call(undefined, { client_id: 'c' })),
      (error: unknown) => {
        assert.ok(error instanceof AuthenticationError);
        assert.equal(error.message, 'incomplete Entra ID client credentials for azure: missing tenant_id (or AZURE_TENANT_ID), client_secret (or AZURE_CLIENT_SECRET)');
        return true;
      },
    );
  });
});
