// Sends one InvokeEndpoint / InvokeEndpointWithResponseStream call: the endpoint name goes
// into the path encoded, an inference component (`model_id`, as in LiteLLM) into its
// header, and the shared AWS service code does the rest with SageMaker's row.

import type { AwsServiceConfig } from '../aws/aws-service.js';
import { sendAwsRequest, type AwsCall } from '../aws/send-aws-request.js';
import type { ProviderCallContext } from '../provider-adapter.js';
import { SAGEMAKER_ERRORS } from './sagemaker-error.js';

const SAGEMAKER_SERVICE: AwsServiceConfig = {
  signingName: 'sagemaker',
  defaultEndpoint: (region) => `https://runtime.sagemaker.${region}.amazonaws.com`,
  endpointSettings: ['aws_sagemaker_runtime_endpoint'],
  endpointEnv: [],
  errors: SAGEMAKER_ERRORS,
};

export function sendSageMakerRequest(body: string, stream: boolean, context: ProviderCallContext): Promise<AwsCall> {
  const headers: Record<string, string> = {};
  const component = context.settings['model_id'];
  if (typeof component === 'string' && component !== '') headers['x-amzn-sagemaker-inference-component'] = component;
  return sendAwsRequest(
    SAGEMAKER_SERVICE,
    {
      path: `/endpoints/${encodeURIComponent(context.model)}/${stream ? 'invocations-response-stream' : 'invocations'}`,
      body,
      accept: stream ? 'application/vnd.amazon.eventstream' : 'application/json',
      headers,
    },
    context,
  );
}
