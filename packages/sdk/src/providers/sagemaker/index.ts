// The Amazon SageMaker adapter for endpoints serving a messages API (TGI, LMI, vLLM):
// `sagemaker/<endpoint>` and `sagemaker_chat/<endpoint>`. The body and the reply are the
// OpenAI chat shapes, so the OpenAI converters do the conversion; this folder adds the
// AWS transport (SigV4 service `sagemaker`, event-stream PayloadParts) and per-call timing.

import { CHAT_PARAMETER_NAMES } from '../../spec/chat-completion-request.js';
import type { ChatCompletion, ChatCompletionChunk, ChatCompletionRequest, ChatParameterName } from '../../spec/index.js';
import { parseAwsBody } from '../aws/parse-aws-body.js';
import { readAwsEvents } from '../aws/read-aws-events.js';
import { nowSeconds } from '../now-seconds.js';
import { convertOpenAIResponse } from '../openai/convert-openai-response.js';
import { openAIResponseSchema } from '../openai/openai-api.js';
import type { ProviderAdapter, ProviderCallContext } from '../provider-adapter.js';
import { convertToSageMakerRequest } from './convert-to-sagemaker-request.js';
import { SAGEMAKER_ERRORS } from './sagemaker-error.js';
import { convertSageMakerStream } from './sagemaker-stream.js';
import { sendSageMakerRequest } from './send-sagemaker-request.js';

/**
 * What messages-API containers document. logit_bias, user, metadata, service_tier,
 * parallel_tool_calls and reasoning_effort are left out: TGI ignores unknown fields
 * silently, which would drop them without the warning a caller is owed.
 */
const UNSUPPORTED: ReadonlySet<ChatParameterName> = new Set<ChatParameterName>(['logit_bias', 'user', 'metadata', 'service_tier', 'parallel_tool_calls', 'reasoning_effort']);
const SUPPORTED_PARAMS: ReadonlySet<ChatParameterName> = new Set(CHAT_PARAMETER_NAMES.filter((name) => !UNSUPPORTED.has(name)));

/** Containers name reasoning `reasoning_content` (read always) or `reasoning` (vLLM). */
const REASONING_FIELD = 'reasoning';

export function createSageMakerProviders(): ProviderAdapter[] {
  return ['sagemaker', 'sagemaker_chat'].map((id) => ({ id, supportedParams: SUPPORTED_PARAMS, chat, streamChat }));
}

async function chat(request: ChatCompletionRequest, context: ProviderCallContext): Promise<ChatCompletion> {
  const call = await sendSageMakerRequest(convertToSageMakerRequest(request), false, context);
  const body = await parseAwsBody(call, openAIResponseSchema, context, 'a chat.completion');
  return convertOpenAIResponse(body, { reasoningField: REASONING_FIELD, toolCallIds: undefined, model: context.model, created: nowSeconds() });
}

async function streamChat(request: ChatCompletionRequest, context: ProviderCallContext): Promise<AsyncIterable<ChatCompletionChunk>> {
  const call = await sendSageMakerRequest(convertToSageMakerRequest(request), true, context);
  const events = readAwsEvents(call.response, {
    provider: context.provider,
    model: context.model,
    secrets: call.secrets,
    errors: SAGEMAKER_ERRORS,
    signal: context.signal,
  });
  return convertSageMakerStream(events, {
    reasoningField: REASONING_FIELD,
    toolCallIds: undefined,
    provider: context.provider,
    model: context.model,
    secrets: call.secrets,
    created: nowSeconds(),
    signal: context.signal,
  });
}
