// A gateway for stored-Responses tests on one store backend: Anthropic and Gemini groups
// (bridged), and one OpenAI group of two deployments on two fakes (passed through), so a
// follow-up can be seen going back to the deployment that holds the previous Response.

import OpenAI from 'openai';
import { startFakeAnthropicUpstream, startFakeGeminiUpstream, startFakeOpenAIUpstream, type FakeChatReply, type FakeServer, type RecordedRequest } from '@llmux/fake-upstreams';
import type { GatewayOptions } from '../../src/index.js';
import type { Backend } from './store-backends.js';
import { generateKey, managementClient, storeSettings, type ManagementClient } from './management-client.js';
import { startTestGateway, type TestGateway } from './start-test-gateway.js';

export const STORED_MASTER_KEY = 'sk-master-stored-responses';
export const STORED_MODELS = { anthropic: 'claude-stored', gemini: 'gemini-stored', openai: 'gpt-pair' } as const;

export interface StoredResponsesWorld {
  gateway: TestGateway;
  anthropic: FakeServer;
  gemini: FakeServer;
  /** The two deployments of the `gpt-pair` group. */
  openai: [FakeServer, FakeServer];
  admin: ManagementClient;
  client(key: string): OpenAI;
  /** A new virtual key. */
  newKey(settings?: Record<string, unknown>): Promise<string>;
  close(): Promise<void>;
}

export async function startStoredResponsesWorld(
  backend: Backend,
  reply: (request: RecordedRequest) => FakeChatReply,
  general: Record<string, unknown> = {},
  options: Partial<Omit<GatewayOptions, 'config'>> = {},
): Promise<StoredResponsesWorld> {
  const anthropic = await startFakeAnthropicUpstream({ apiKey: 'sk-ant-stored', reply });
  const gemini = await startFakeGeminiUpstream({ apiKey: 'gemini-stored-key', reply });
  const first = await startFakeOpenAIUpstream({ apiKey: 'sk-openai-stored', reply });
  const second = await startFakeOpenAIUpstream({ apiKey: 'sk-openai-stored', reply });
  const settings = storeSettings(backend);
  const openaiDeployment = (server: FakeServer) => ({
    model_name: STORED_MODELS.openai,
    litellm_params: { model: 'openai/gpt-4o-mini', api_base: `${server.url}/v1`, api_key: 'sk-openai-stored' },
  });
  const fakes = [anthropic, gemini, first, second];
  const closeFakes = () => Promise.all(fakes.map((fake) => fake.close()));
  let gateway: TestGateway;
  try {
    gateway = await startTestGateway(
      {
        model_list: [
          { model_name: STORED_MODELS.anthropic, litellm_params: { model: 'anthropic/claude-sonnet-4-5-20250929', api_base: anthropic.url, api_key: 'sk-ant-stored' } },
          { model_name: STORED_MODELS.gemini, litellm_params: { model: 'gemini/gemini-2.5-flash', api_base: gemini.url, api_key: 'gemini-stored-key' } },
          openaiDeployment(first),
          openaiDeployment(second),
        ],
        general_settings: { master_key: STORED_MASTER_KEY, ...settings.general, ...general },
      },
      settings.env,
      options,
    );
  } catch (error) {
    // A refused start (a config test) must not leave the fakes listening.
    await closeFakes();
    throw error;
  }
  const admin = managementClient(gateway.url, STORED_MASTER_KEY);
  return {
    gateway,
    anthropic,
    gemini,
    openai: [first, second],
    admin,
    client: (key) => new OpenAI({ apiKey: key, baseURL: `${gateway.url}/v1`, maxRetries: 0 }),
    newKey: (keySettings) => generateKey(admin, keySettings),
    close: async () => {
      await gateway.close();
      await closeFakes();
    },
  };
}
