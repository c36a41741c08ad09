// A gateway with a master key over a store backend (SQLite or PostgreSQL) and a fake OpenAI
// upstream serving four chat model groups (one in the access group `beta`, one whose upstream
// refuses its key) and an embedding group.

import { startFakeOpenAIUpstream, type FakeServer } from '@llmux/fake-upstreams';
import OpenAI from 'openai';
import { managementClient, storeSettings, type ManagementClient } from './management-client.js';
import { startTestGateway, type TestGateway } from './start-test-gateway.js';
import { openBackend, type Backend } from './store-backends.js';

export const GOVERNED_MASTER_KEY = 'sk-master-governed';

export interface GovernedGateway {
  gateway: TestGateway;
  upstream: FakeServer;
  backend: Backend;
  admin: ManagementClient;
  as(key: string): ManagementClient;
  openai(key: string): OpenAI;
  close(): Promise<void>;
}

/** The gateway, or why PostgreSQL is not reachable (the caller skips loudly). */
export async function startGovernedGateway(backendName: 'sqlite' | 'postgres'): Promise<GovernedGateway | string> {
  const backend = await openBackend(backendName);
  if (typeof backend === 'string') {
    console.warn(`\n*** SKIPPING PostgreSQL tests: ${backend} ***\n`);
    return backend;
  }
  const upstream = await startFakeOpenAIUpstream({ apiKey: 'sk-upstream' });
  const params = { api_base: `${upstream.url}/v1`, api_key: 'sk-upstream' };
  const settings = storeSettings(backend);
  const gateway = await startTestGateway(
    {
      model_list: [
        { model_name: 'gpt-a', litellm_params: { model: 'openai/gpt-4o-mini', ...params } },
        { model_name: 'gpt-b', litellm_params: { model: 'openai/gpt-4o', ...params } },
        { model_name: 'gpt-beta', litellm_params: { model: 'openai/gpt-4.1', ...params }, model_info: { access_groups: ['beta'] } },
        // Its upstream refuses the key, so a call to it fails over to the caller's fallbacks.
        { model_name: 'gpt-broken', litellm_params: { model: 'openai/gpt-4o-mini', api_base: params.api_base, api_key: 'sk-wrong' } },
        { model_name: 'embed', litellm_params: { model: 'openai/text-embedding-3-small', ...params } },
      ],
      general_settings: { master_key: GOVERNED_MASTER_KEY, ...settings.general },
    },
    settings.env,
  );
  return {
    gateway,
    upstream,
    backend,
    admin: managementClient(gateway.url, GOVERNED_MASTER_KEY),
    as: (key) => managementClient(gateway.url, key),
    openai: (key) => new OpenAI({ apiKey: key, baseURL: `${gateway.url}/v1`, maxRetries: 0 }),
    close: async () => {
      await gateway.close();
      await upstream.close();
      await backend.cleanup();
    },
  };
}
