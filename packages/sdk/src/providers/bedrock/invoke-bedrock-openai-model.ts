// InvokeModel chat for the Bedrock models whose native body is OpenAI's Chat Completions
// (OpenAI gpt-oss, Qwen3): the OpenAI body without `model` (it is in the path) and without
// `stream` (the operation says it), the reply a chat.completion, and each stream chunk's
// bytes one chat.completion.chunk, read by the OpenAI stream converter as SSE events.

import type { ChatCompletion, ChatCompletionChunk, ChatCompletionRequest } from '../../spec/index.js';
import { parseAwsBody } from '../aws/parse-aws-body.js';
import { nowSeconds } from '../now-seconds.js';
import { convertOpenAIResponse } from '../openai/convert-openai-response.js';
import { convertToOpenAIMessages } from '../openai/convert-to-openai-messages.js';
import { openAIResponseSchema } from '../openai/openai-api.js';
import { convertOpenAIStream } from '../openai/openai-stream.js';
import type { ProviderCallContext } from '../provider-adapter.js';
import { convertBedrockInvokeChunks } from './bedrock-invoke-stream.js';
import type { BedrockModel } from './parse-bedrock-model.js';
import { readBedrockEvents } from './read-bedrock-events.js';
import { sendBedrockRequest } from './send-bedrock-request.js';

/** gpt-oss names its reasoning `reasoning` in places, as vLLM does; reasoning_content is read always. */
const REASONING_FIELD = 'reasoning';

export async function chatWithOpenAIModel(model: BedrockModel, request: ChatCompletionRequest, context: ProviderCallContext): Promise<ChatCompletion> {
  const call = await sendBedrockRequest(model.pathId, 'invoke', toBody(request), context);
  const reply = await parseAwsBody(call, openAIResponseSchema, context, 'a chat.completion');
  return convertOpenAIResponse(reply, { reasoningField: REASONING_FIELD, toolCallIds: undefined, model: model.modelId, created: nowSeconds() });
}

export async function streamWithOpenAIModel(model: BedrockModel, request: ChatCompletionRequest, context: ProviderCallContext): Promise<AsyncIterable<ChatCompletionChunk>> {
  const call = await sendBedrockRequest(model.pathId, 'invoke-with-response-stream', toBody(request), context);
  const names = { provider: context.provider, model: model.modelId };
  return convertOpenAIStream(asSse(convertBedrockInvokeChunks(readBedrockEvents(call, context), names)), {
    ...names,
    reasoningField: REASONING_FIELD,
    toolCallIds: undefined,
    secrets: call.secrets,
    created: nowSeconds(),
    signal: context.signal,
  });
}

function toBody(request: ChatCompletionRequest): Record<string, unknown> {
  const { model: _model, stream: _stream, stream_options: _streamOptions, ...rest } = request;
  // Earlier turns' reasoning goes no further, as with other OpenAI-shaped servers.
  return { ...rest, messages: convertToOpenAIMessages(request.messages, undefined).messages };
}

async function* asSse(chunks: AsyncIterable<{ data: string }>): AsyncGenerator<string> {
  for await (const { data } of chunks) yield `data: ${data}\n\n`;
}
