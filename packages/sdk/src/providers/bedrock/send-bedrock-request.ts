// Sends one Bedrock Runtime operation: the model id goes into the path encoded, streams ask
// for the AWS event stream, and everything else (credentials, region, endpoint overrides,
// signing, typed errors) is the shared AWS service code reading Bedrock's row.

import type { ProviderCallContext } from '../provider-adapter.js';
import type { AwsServiceConfig } from '../aws/aws-service.js';
import { sendAwsRequest, type AwsCall } from '../aws/send-aws-request.js';
import { BEDROCK_ERRORS } from './bedrock-error.js';

const BEDROCK_SERVICE: AwsServiceConfig = {
  signingName: 'bedrock',
  defaultEndpoint: (region) => `https://bedrock-runtime.${region}.amazonaws.com`,
  endpointSettings: ['aws_bedrock_runtime_endpoint'],
  endpointEnv: ['AWS_BEDROCK_RUNTIME_ENDPOINT'],
  bearerTokenEnv: 'AWS_BEARER_TOKEN_BEDROCK',
  errors: BEDROCK_ERRORS,
};

export type BedrockOperation = 'converse' | 'converse-stream' | 'invoke' | 'invoke-with-response-stream';

const STREAMING: ReadonlySet<BedrockOperation> = new Set<BedrockOperation>(['converse-stream', 'invoke-with-response-stream']);

export function sendBedrockRequest(pathId: string, operation: BedrockOperation, body: unknown, context: ProviderCallContext): Promise<AwsCall> {
  const stream = STREAMING.has(operation);
  return sendAwsRequest(
    BEDROCK_SERVICE,
    {
      path: `/model/${pathId}/${operation}`,
      body: JSON.stringify(body),
      accept: stream ? 'application/vnd.amazon.eventstream' : 'application/json',
      // The model's own content type inside the stream's chunks.
      headers: operation === 'invoke-with-response-stream' ? { 'x-amzn-bedrock-accept': 'application/json' } : undefined,
    },
    context,
  );
}
