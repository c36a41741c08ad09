// The Amazon SageMaker adapters, named as LiteLLM names them:
//  - `sagemaker/<endpoint>`: a TGI generate body, `{"inputs": <prompt>, "parameters": {…}}`,
//    the prompt built from the messages with a chat template (sagemaker-tgi.ts);
//  - `sagemaker_chat/<endpoint>`: the messages API that TGI, LMI and vLLM containers serve;
//    body and reply are the OpenAI chat shapes, so the OpenAI converters do the conversion.
// Both share the AWS transport (SigV4 service `sagemaker`, event-stream PayloadParts).

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
import { chatWithTgi, streamWithTgi } from './sagemaker-tgi.js';
import { chatParamSet } from '../chat-param-sets.js';

/**
 * What messages-API containers document. logit_bias, user, metadata, service_tier,
 * parallel_tool_calls and reasoning_effort are left out: TGI ignores unknown fields
 * silently, which would drop them without the warning a caller is owed.
 */
const UNSUPPORTED: ReadonlySet<ChatParameterName> = new Set<ChatParameterName>(['logit_bias', 'user', 'metadata', 'service_tier', 'parallel_tool_calls', 'reasoning_effort']);
const SUPPORTED_PARAMS: ReadonlySet<ChatParameterName> = new Set(CHAT_PARAMETER_NAMES.filter((name) => !UNSUPPORTED.has(name)));

/** Containers name reasoning `reasoning_content` (read always) or `reasoning` (vLLM). */
const REASONING_FIELD = 'reasoning';

/**
 * What a TGI generate body has a field for. n is left out (TGI's best_of returns one
 * sequence, not n choices), and so are tools and response_format (a prompt has no place for
 * them; sagemaker_chat/ takes them).
 */
const TGI_PARAMS: ReadonlySet<ChatParameterName> = chatParamSet('top_k', 'seed', 'frequency_penalty');

export function createSageMakerProviders(): ProviderAdapter[] {
  return [
    { id: 'sagemaker', supportedParams: TGI_PARAMS, chat: chatWithTgi, streamChat: streamWithTgi },
    { id: 'sagemaker_chat', supportedParams: SUPPORTED_PARAMS, chat, streamChat },
  ];
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
