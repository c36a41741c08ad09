// A gateway with a master key and four Claude-serving model groups for /v1/messages tests:
// Anthropic itself, Claude on Bedrock (InvokeModel), Claude on Vertex (rawPredict), and an
// OpenAI model behind the same door (translated). Every fake answers from `reply`.

import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Anthropic from '@anthropic-ai/sdk';
import {
  startFakeAnthropicUpstream,
  startFakeBedrockUpstream,
  startFakeGoogleTokenServer,
  startFakeOpenAIUpstream,
  startFakeVertexUpstream,
  type FakeChatReply,
  type FakeGoogleTokenServer,
  type FakeServer,
  type RecordedRequest,
} from '@llmux/fake-upstreams';
import { managementClient, type ManagementClient } from './management-client.js';
import { startTestGateway, type TestGateway } from './start-test-gateway.js';

export const MESSAGES_MASTER_KEY = 'sk-master-messages';
const AWS = { accessKeyId: 'AKIAFAKEMESSAGES0001', secretAccessKey: 'fake-messages-bedrock-secret-00000000000' };
const REGION = 'us-east-1';
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
  const bedrock = await startFakeBedrockUpstream({ ...AWS, region: REGION, reply });
  const tokenServer: FakeGoogleTokenServer = await startFakeGoogleTokenServer();
  const account = tokenServer.createServiceAccount({ projectId: PROJECT });
  const vertex = await startFakeVertexUpstream({ tokens: tokenServer.issued, project: PROJECT, reply });
  const directory = await mkdtemp(join(tmpdir(), 'llmux-messages-'));
  const keyPath = join(directory, 'service-account.json');
  await writeFile(keyPath, JSON.stringify(account.keyFile));
  const gateway = await startTestGateway({
    model_list: [
      { model_name: MODELS.anthropic, litellm_params: { model: 'anthropic/claude-sonnet-4-5-20250929', api_base: anthropic.url, api_key: 'sk-ant-upstream' } },
      {
        model_name: MODELS.bedrock,
        litellm_params: {
          model: 'bedrock/anthropic.claude-3-5-haiku-20241022-v1:0',
          aws_access_key_id: AWS.accessKeyId,
          aws_secret_access_key: AWS.secretAccessKey,
          aws_region_name: REGION,
          aws_bedrock_runtime_endpoint: bedrock.url,
        },
      },
      {
        model_name: MODELS.vertex,
        litellm_params: { model: 'vertex_ai/claude-sonnet-4-5@20250929', api_base: vertex.url, vertex_location: 'us-east5', vertex_project: PROJECT, vertex_credentials: keyPath },
      },
      { model_name: MODELS.openai, litellm_params: { model: 'openai/gpt-4o-mini', api_base: `${openai.url}/v1`, api_key: 'sk-openai-upstream' } },
    ],
    general_settings: { master_key: MESSAGES_MASTER_KEY, ...extra.general_settings },
    ...(extra.litellm_settings === undefined ? {} : { litellm_settings: extra.litellm_settings }),
  });
  const upstreams: Record<Upstream, FakeServer> = { anthropic, bedrock, vertex, openai };
  const lastRequest = (upstream: Upstream): RecordedRequest => {
    const last = upstreams[upstream].requests.at(-1);
    if (last === undefined) throw new Error(`${upstream} received no request`);
    return last;
  };
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
      await Promise.all([anthropic.close(), openai.close(), bedrock.close(), vertex.close(), tokenServer.close()]);
      await rm(directory, { recursive: true, force: true });
    },
  };
}
