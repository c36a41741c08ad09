// The Amazon Bedrock adapter: Converse / ConverseStream for `bedrock/<id>` and
// `bedrock/converse/<id>`, InvokeModel for `bedrock/invoke/<id>` in the model family's own
// body (Claude through the Anthropic converters, the others in invoke-bedrock-*.ts), and
// Titan / Cohere embeddings; Messages-dialect calls to Claude pass through InvokeModel
// (bedrock-native.ts). It orchestrates only;
// conversion lives in the convert-* files, streams in *-stream.ts, AWS plumbing in ../aws/.

import type { ChatCompletion, ChatCompletionChunk, ChatCompletionRequest, ChatParameterName, EmbeddingRequest, EmbeddingResponse } from '../../spec/index.js';
import { anthropicResponseSchema } from '../anthropic/anthropic-api.js';
import { convertAnthropicStream } from '../anthropic/anthropic-stream.js';
import { convertAnthropicResponse } from '../anthropic/convert-anthropic-response.js';
import { parseAwsBody } from '../aws/parse-aws-body.js';
import { nowSeconds } from '../now-seconds.js';
import type { ProviderAdapter, ProviderCallContext } from '../provider-adapter.js';
import { bedrockConverseResponseSchema } from './bedrock-api.js';
import { convertBedrockInvokeChunks } from './bedrock-invoke-stream.js';
import { convertBedrockStream } from './bedrock-stream.js';
import { convertBedrockResponse } from './convert-bedrock-response.js';
import { convertToBedrockInvokeRequest } from './convert-to-bedrock-invoke-request.js';
import { convertToBedrockRequest } from './convert-to-bedrock-request.js';
import { embedWithBedrock } from './embed-with-bedrock.js';
import { rerankWithBedrock } from './rerank-with-bedrock.js';
import { editBedrockImage } from './edit-bedrock-image.js';
import { generateBedrockImage } from './generate-bedrock-image.js';
import { parseBedrockModel } from './parse-bedrock-model.js';
import { bedrockCompletionId } from './bedrock-completion-id.js';
import { findInvokeRoute } from './bedrock-invoke-route.js';
import { chatWithNova, streamWithNova } from './invoke-bedrock-nova.js';
import { chatWithOpenAIModel, streamWithOpenAIModel } from './invoke-bedrock-openai-model.js';
import { chatWithPromptModel, streamWithPromptModel } from './invoke-bedrock-prompt-model.js';
import { sendBedrockRequest } from './send-bedrock-request.js';
import { BEDROCK_NATIVE } from './bedrock-native.js';
import { createBedrockBatches } from './bedrock-batches.js';
import { readBedrockEvents } from './read-bedrock-events.js';
import { chatParamSet, REASONING_PARAMS, TOOL_PARAMS } from '../chat-param-sets.js';

/**
 * What Converse honours (and InvokeModel for Claude). stream_options is listed because
 * Bedrock always reports usage in streams; n, seed, penalties, logprobs, logit_bias, user,
 * metadata, parallel_tool_calls and service_tier have no Converse field. top_k and thinking
 * go in additionalModelRequestFields for the models that take them (a warning for the
 * others); web_search_options is not here: Bedrock runs no Anthropic server tools.
 */
const SUPPORTED_PARAMS: ReadonlySet<ChatParameterName> = chatParamSet(...TOOL_PARAMS, ...REASONING_PARAMS);

export function createBedrockProvider(): ProviderAdapter {
  return {
    id: 'bedrock',
    supportedParams: SUPPORTED_PARAMS,
    chat,
    streamChat,
    embed,
    rerank: rerankWithBedrock,
    native: BEDROCK_NATIVE,
    media: { generateImage: generateBedrockImage, editImage: editBedrockImage },
    batches: createBedrockBatches(SUPPORTED_PARAMS),
  };
}

async function chat(request: ChatCompletionRequest, context: ProviderCallContext): Promise<ChatCompletion> {
  const model = parseBedrockModel(context.model);
  if (model.route === 'invoke') {
    const route = findInvokeRoute(model, context);
    if (route.kind === 'nova') return chatWithNova(model, request, context);
    if (route.kind === 'openai') return chatWithOpenAIModel(model, request, context);
    if (route.kind === 'prompt') return chatWithPromptModel(route.family, model, request, context);
    const { body, jsonMode } = convertToBedrockInvokeRequest(request, context.warnings);
    const call = await sendBedrockRequest(model.pathId, 'invoke', body, context);
    const reply = await parseAwsBody(call, anthropicResponseSchema, context, 'a Messages API message');
    return convertAnthropicResponse(reply, { jsonMode, created: nowSeconds() });
  }
  const { body, jsonMode } = convertToBedrockRequest(request, { modelId: model.modelId, warnings: context.warnings });
  const call = await sendBedrockRequest(model.pathId, 'converse', body, context);
  const reply = await parseAwsBody(call, bedrockConverseResponseSchema, context, 'a Converse response');
  return convertBedrockResponse(reply, { id: bedrockCompletionId(call), model: model.modelId, created: nowSeconds(), jsonMode });
}

async function streamChat(request: ChatCompletionRequest, context: ProviderCallContext): Promise<AsyncIterable<ChatCompletionChunk>> {
  const model = parseBedrockModel(context.model);
  if (model.route === 'invoke') {
    const route = findInvokeRoute(model, context);
    if (route.kind === 'nova') return streamWithNova(model, request, context);
    if (route.kind === 'openai') return streamWithOpenAIModel(model, request, context);
    if (route.kind === 'prompt') return streamWithPromptModel(route.family, model, request, context);
    const { body, jsonMode } = convertToBedrockInvokeRequest(request, context.warnings);
    const call = await sendBedrockRequest(model.pathId, 'invoke-with-response-stream', body, context);
    const options = { provider: context.provider, model: model.modelId, secrets: call.secrets };
    return convertAnthropicStream(convertBedrockInvokeChunks(readBedrockEvents(call, context), options), { ...options, jsonMode, created: nowSeconds() });
  }
  const { body, jsonMode } = convertToBedrockRequest(request, { modelId: model.modelId, warnings: context.warnings });
  const call = await sendBedrockRequest(model.pathId, 'converse-stream', body, context);
  return convertBedrockStream(readBedrockEvents(call, context), {
    id: bedrockCompletionId(call),
    model: model.modelId,
    created: nowSeconds(),
    jsonMode,
    provider: context.provider,
  });
}

async function embed(request: EmbeddingRequest, context: ProviderCallContext): Promise<EmbeddingResponse> {
  return embedWithBedrock(request, parseBedrockModel(context.model), context);
}
