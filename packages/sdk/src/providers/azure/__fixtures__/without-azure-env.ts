// Test support (excluded from the build): runs a suite with every Azure environment variable
// unset, so that a developer's own Azure setup cannot change what the tests see; restores
// them afterwards.

import { after, before } from 'node:test';

const AZURE_ENV = [
  'AZURE_API_BASE', 'AZURE_OPENAI_ENDPOINT', 'AZURE_API_VERSION', 'OPENAI_API_VERSION', 'AZURE_API_KEY', 'AZURE_OPENAI_API_KEY',
  'AZURE_AD_TOKEN', 'AZURE_TENANT_ID', 'AZURE_CLIENT_ID', 'AZURE_CLIENT_SECRET', 'AZURE_AUTHORITY_HOST',
] as const;

export function withoutAzureEnv(): void {
  const saved = new Map<string, string | undefined>();
  before(() => {
    for (const name of AZURE_ENV) {
      saved.set(name, process.env[name]);
      delete process.env[name];
    }
  });
  after(() => {
    for (const [name, value] of saved) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  });
}
