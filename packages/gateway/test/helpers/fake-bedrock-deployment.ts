// A fake Bedrock Runtime on port 0 that checks every SigV4 signature against throwaway AWS
// credentials, and the litellm_params of a deployment on it, for the tests that put Bedrock
// models beside other upstreams (the /v1/messages and /v1/responses doors, embeddings, images).

import { startFakeBedrockUpstream, type FakeChatReply, type FakeServer, type RecordedRequest } from '@llmux/fake-upstreams';

export interface FakeBedrockDeploymentOptions {
  reply?: (request: RecordedRequest) => FakeChatReply;
  /** For a test that checks the signature's scope (default us-east-1 and throwaway keys). */
  region?: string;
  credentials?: { accessKeyId: string; secretAccessKey: string };
}

export interface FakeBedrockDeployment {
  server: FakeServer;
  /** The litellm_params of a deployment of `model` (after `bedrock/`) on the fake, with its credentials. */
  params(model: string): Record<string, unknown>;
}

export async function startFakeBedrockDeployment(options: FakeBedrockDeploymentOptions = {}): Promise<FakeBedrockDeployment> {
  const { reply, region = 'us-east-1', credentials = { accessKeyId: 'AKIAFAKEBEDROCKDEPL1', secretAccessKey: 'fake-bedrock-deployment-secret-000000000' } } = options;
  const server = await startFakeBedrockUpstream({ ...credentials, region, ...(reply === undefined ? {} : { reply }) });
  return {
    server,
    params: (model) => ({
      model: `bedrock/${model}`,
      aws_access_key_id: credentials.accessKeyId,
      aws_secret_access_key: credentials.secretAccessKey,
      aws_region_name: region,
      aws_bedrock_runtime_endpoint: server.url,
    }),
  };
}
