// A gateway with a master key and four Claude-serving model groups for /v1/messages tests:
// Anthropic itself, Claude on Bedrock (InvokeModel), Claude on Vertex (rawPredict), and an
// OpenAI model behind the same door (translated). Every fake answers from `reply`.

import Anthropic from '@anthropic-ai/sdk';
import {
  startFakeAnthropicUpstream,
  startFakeGoogleTokenServer,
  startFakeOpenAIUpstream,
  startFakeVertexUpstream,
  type FakeChatReply,
  type FakeGoogleTokenServer,
  type FakeServer,
  type RecordedRequest,
} from '@llmux/fake-upstreams';
import { startFakeBedrockDeployment } from './fake-bedrock-deployment.js';
import { lastRequestOf } from './last-request.js';
import { managementClient, type ManagementClient } from './management-client.js';
import { writeServiceAccountFile } from './service-account-file.js';
import { startTestGateway, type TestGateway } from './start-test-gateway.js';

export const MESSAGES_MASTER_KEY = 'sk-master-messages';
const PROJECT = 'messages-vertex-project';

/** The model groups, by the upstream that serves them. */
export const MODELS = { anthropic: 'claude-native', bedrock: 'claude-bedrock', vertex: 'claude-vertex', openai: 'gpt-translated' } as const;
export type Upstream = keyof typeof MODELS;

export interface MessagesGateway {
  gateway: TestGateway;
  upstreams: Record<Upstream, FakeServer>;
  admin: ManagementClient;
  client(key: string): Anthropic;
  /** The last request an upstream received. */
  lastRequest(upstream: Upstream): RecordedRequest;
  /** The body a native deployment's upstream last received, without the fields its envelope moves. */
  receivedBody(upstream: Upstream): Record<string, unknown>;
  close(): Promise<void>;
}

export async function startMessagesGateway(
  reply: (request: RecordedRequest) => FakeChatReply,
  extra: { general_settings?: Record<string, unknown>; litellm_settings?: Record<string, unknown> } = {},
): Promise<MessagesGateway> {
  const anthropic = await startFakeAnthropicUpstream({ apiKey: 'sk-ant-upstream', reply });
  const openai = await startFakeOpenAIUpstream({ apiKey: 'sk-openai-upstream', reply });
  const onBedrock = await startFakeBedrockDeployment({ reply });
  const bedrock = onBedrock.server;
  const tokenServer: FakeGoogleTokenServer = await startFakeGoogleTokenServer();
  const vertex = await startFakeVertexUpstream({ tokens: tokenServer.issued, project: PROJECT, reply });
  const keyFile = await writeServiceAccountFile(tokenServer.createServiceAccount({ projectId: PROJECT }).keyFile);
  const gateway = await startTestGateway({
    model_list: [
      { model_name: MODELS.anthropic, litellm_params: { model: 'anthropic/claude-sonnet-4-5-20250929', api_base: anthropic.url, api_key: 'sk-ant-upstream' } },
      { model_name: MODELS.bedrock, litellm_params: onBedrock.params('anthropic.claude-3-5-haiku-20241022-v1:0') },
      {
        model_name: MODELS.vertex,
        litellm_params: {
          model: 'vertex_ai/claude-sonnet-4-5@20250929',
          api_base: vertex.url,
          vertex_location: 'us-east5',
          vertex_project: PROJECT,
          vertex_credentials: keyFile.path,
        },
      },
      { model_name: MODELS.openai, litellm_params: { model: 'openai/gpt-4o-mini', api_base: `${openai.url}/v1`, api_key: 'sk-openai-upstream' } },
    ],
    general_settings: { master_key: MESSAGES_MASTER_KEY, ...extra.general_settings },
    ...(extra.litellm_settings === undefined ? {} : { litellm_settings: extra.litellm_settings }),
  });
  const upstreams: Record<Upstream, FakeServer> = { anthropic, bedrock, vertex, openai };
  const lastRequest = (upstream: Upstream): RecordedRequest => lastRequestOf(upstreams, upstream);
  return {
    gateway,
    upstreams,
    admin: managementClient(gateway.url, MESSAGES_MASTER_KEY),
    client: (key) => new Anthropic({ apiKey: key, baseURL: gateway.url, maxRetries: 0 }),
    lastRequest,
    receivedBody(upstream) {
      const { model: _model, anthropic_version: _version, stream: _stream, ...rest } = lastRequest(upstream).json as Record<string, unknown>;
      return rest;
    },
    close: async () => {
      await gateway.close();
      await Promise.all([anthropic.close(), openai.close(), bedrock.close(), vertex.close(), tokenServer.close(), keyFile.close()]);
    },
  };
}
