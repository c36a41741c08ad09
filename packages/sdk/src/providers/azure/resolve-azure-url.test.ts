// Deployment and v1 URLs from api_base, api_version and their environment variables.

import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { BadRequestError } from '../../errors/error-classes.js';
import { withoutAzureEnv } from './__fixtures__/without-azure-env.js';
import { DEFAULT_AZURE_API_VERSION, resolveAzureUrl } from './resolve-azure-url.js';

const RESOURCE = 'https://res.openai.azure.com';
const context = (apiBase: string | undefined, apiVersion?: string, model = 'gpt 4o') => ({ apiBase, apiVersion, provider: 'azure', model });

describe('resolveAzureUrl', () => {
  withoutAzureEnv();

  it('builds the deployment URL with the default api-version, the deployment encoded', () => {
    assert.equal(
      resolveAzureUrl('/chat/completions', context(`${RESOURCE}/`)),
      `${RESOURCE}/openai/deployments/gpt%204o/chat/completions?api-version=${DEFAULT_AZURE_API_VERSION}`,
    );
    assert.equal(resolveAzureUrl('/embeddings', context(`${RESOURCE}/openai`, '2024-06-01')), `${RESOURCE}/openai/deployments/gpt%204o/embeddings?api-version=2024-06-01`);
  });

  it('builds the v1 URL for v1 and preview, and for a base that ends in /openai/v1', () => {
    assert.equal(resolveAzureUrl('/chat/completions', context(RESOURCE, 'v1')), `${RESOURCE}/openai/v1/chat/completions`);
    assert.equal(resolveAzureUrl('/chat/completions', context(RESOURCE, 'preview')), `${RESOURCE}/openai/v1/chat/completions?api-version=preview`);
    assert.equal(resolveAzureUrl('/embeddings', context(`${RESOURCE}/openai/v1/`)), `${RESOURCE}/openai/v1/embeddings`);
    // An explicit dated version wins over the base's form.
    assert.equal(resolveAzureUrl('/embeddings', context(`${RESOURCE}/openai/v1`, '2024-10-21')), `${RESOURCE}/openai/deployments/gpt%204o/embeddings?api-version=2024-10-21`);
  });

  it('reads the endpoint and version from the environment, in order', () => {
    process.env['AZURE_OPENAI_ENDPOINT'] = 'https://second.openai.azure.com';
    process.env['OPENAI_API_VERSION'] = '2024-02-01';
    try {
      assert.equal(
        resolveAzureUrl('/chat/completions', context(undefined, undefined, 'd')),
        'https://second.openai.azure.com/openai/deployments/d/chat/completions?api-version=2024-02-01',
      );
      process.env['AZURE_API_BASE'] = 'https://first.openai.azure.com';
      process.env['AZURE_API_VERSION'] = '2024-10-21';
      assert.equal(
        resolveAzureUrl('/chat/completions', context(undefined, undefined, 'd')),
        'https://first.openai.azure.com/openai/deployments/d/chat/completions?api-version=2024-10-21',
      );
    } finally {
      for (const name of ['AZURE_OPENAI_ENDPOINT', 'OPENAI_API_VERSION', 'AZURE_API_BASE', 'AZURE_API_VERSION']) delete process.env[name];
    }
  });

  it('throws a 400 naming api_base and its variables when no endpoint is known', () => {
    assert.throws(
      () => resolveAzureUrl('/chat/completions', context(undefined)),
      (error: unknown) => {
        assert.ok(error instanceof BadRequestError);
        assert.equal(error.code, 'missing_api_base');
        assert.match(error.message, /AZURE_API_BASE or AZURE_OPENAI_ENDPOINT/);
        return true;
      },
    );
  });
});
