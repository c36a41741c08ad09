// The events of a Bedrock event-stream response, with Bedrock's exception frames thrown as
// its typed errors.

import { readAwsEvents, type AwsEvent } from '../aws/read-aws-events.js';
import type { AwsCall } from '../aws/send-aws-request.js';
import type { ProviderCallContext } from '../provider-adapter.js';
import { BEDROCK_ERRORS } from './bedrock-error.js';

export function readBedrockEvents(call: AwsCall, context: ProviderCallContext): AsyncGenerator<AwsEvent> {
  return readAwsEvents(call.response, {
    provider: context.provider,
    model: context.model,
    secrets: call.secrets,
    errors: BEDROCK_ERRORS,
    signal: context.signal,
  });
}
