// A gateway with a master key and four model groups for /v1/responses tests: OpenAI itself
// (passed through: its fake serves the Responses API) and Anthropic, Gemini and Bedrock
// (bridged through the canonical chat form). Every fake answers from `reply`.

import OpenAI from 'openai';
import { startFakeAnthropicUpstream, startFakeGeminiUpstream, startFakeOpenAIUpstream, type FakeChatReply, type FakeServer, type RecordedRequest } from '@llmux/fake-upstreams';
import { startFakeBedrockDeployment } from './fake-bedrock-deployment.js';
import { lastRequestOf } from './last-request.js';
import { managementClient, type ManagementClient } from './management-client.js';
import { startTestGateway, type TestGateway } from './start-test-gateway.js';

export const RESPONSES_MASTER_KEY = 'sk-master-responses';

/** The model groups, by the upstream that serves them. */
export const RESPONSES_MODELS = { openai: 'gpt-native', anthropic: 'claude-bridged', gemini: 'gemini-bridged', bedrock: 'bedrock-bridged' } as const;
export const LENIENT_MODEL = 'claude-lenient';
export type ResponsesUpstream = keyof typeof RESPONSES_MODELS;

export interface ResponsesGateway {
  gateway: TestGateway;
  upstreams: Record<ResponsesUpstream, FakeServer>;
  admin: ManagementClient;
  client(key: string): OpenAI;
  lastRequest(upstream: ResponsesUpstream): RecordedRequest;
  close(): Promise<void>;
}

export async function startResponsesGateway(reply: (request: RecordedRequest) => FakeChatReply): Promise<ResponsesGateway> {
  const openai = await startFakeOpenAIUpstream({ apiKey: 'sk-openai-upstream', reply });
  const anthropic = await startFakeAnthropicUpstream({ apiKey: 'sk-ant-upstream', reply });
  const gemini = await startFakeGeminiUpstream({ apiKey: 'gemini-upstream-key', reply });
  const onBedrock = await startFakeBedrockDeployment({ reply });
  const bedrock = onBedrock.server;
  const gateway = await startTestGateway({
    model_list: [
      { model_name: RESPONSES_MODELS.openai, litellm_params: { model: 'openai/gpt-4o-mini', api_base: `${openai.url}/v1`, api_key: 'sk-openai-upstream' } },
      { model_name: RESPONSES_MODELS.anthropic, litellm_params: { model: 'anthropic/claude-sonnet-4-5-20250929', api_base: anthropic.url, api_key: 'sk-ant-upstream' } },
      // The same Anthropic deployment, dropping what it cannot take (with a warning) instead of refusing it.
      { model_name: LENIENT_MODEL, litellm_params: { model: 'anthropic/claude-sonnet-4-5-20250929', api_base: anthropic.url, api_key: 'sk-ant-upstream', drop_params: true } },
      { model_name: RESPONSES_MODELS.gemini, litellm_params: { model: 'gemini/gemini-2.5-flash', api_base: gemini.url, api_key: 'gemini-upstream-key' } },
      { model_name: RESPONSES_MODELS.bedrock, litellm_params: onBedrock.params('anthropic.claude-3-5-haiku-20241022-v1:0') },
    ],
    general_settings: { master_key: RESPONSES_MASTER_KEY },
  });
  const upstreams: Record<ResponsesUpstream, FakeServer> = { openai, anthropic, gemini, bedrock };
  return {
    gateway,
    upstreams,
    admin: managementClient(gateway.url, RESPONSES_MASTER_KEY),
    client: (key) => new OpenAI({ apiKey: key, baseURL: `${gateway.url}/v1`, maxRetries: 0 }),
    lastRequest: (upstream) => lastRequestOf(upstreams, upstream),
    close: async () => {
      await gateway.close();
      await Promise.all([openai.close(), anthropic.close(), gemini.close(), bedrock.close()]);
    },
  };
}
