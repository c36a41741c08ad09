// IBM watsonx.ai (`watsonx/<model_id>`, `watsonx/deployment/<id>`): chat over /ml/v1/text/chat
// and /ml/v1/text/chat_stream; `watsonx_text/` is text generation over /ml/v1/text/generation
// and generation_stream (watsonx-text.ts). Authentication in send-watsonx-request.ts. Chat
// replies are OpenAI-shaped, so the OpenAI adapter's readers convert them.

import type { ChatCompletion, ChatCompletionChunk, ChatCompletionRequest } from '../../spec/index.js';
import { nowSeconds } from '../now-seconds.js';
import { convertOpenAIResponse } from '../openai/convert-openai-response.js';
import { openAIResponseSchema } from '../openai/openai-api.js';
import { parseOpenAIBody } from '../openai/parse-openai-body.js';
import { readOpenAIStream } from '../openai/openai-stream.js';
import type { ProviderAdapter, ProviderCallContext } from '../provider-adapter.js';
import type { ProviderCall } from '../send-provider-request.js';
import { convertToWatsonxChatRequest, WATSONX_SUPPORTED_PARAMS } from './convert-to-watsonx-chat-request.js';
import { sendWatsonxRequest } from './send-watsonx-request.js';
import { chatWithWatsonxText, streamWithWatsonxText, WATSONX_TEXT_PARAMS } from './watsonx-text.js';
const NO_CONVERT_OPTIONS = { reasoningField: undefined, toolCallIds: undefined } as const;

export function createWatsonxProviders(): ProviderAdapter[] {
  return [
    { id: 'watsonx', supportedParams: WATSONX_SUPPORTED_PARAMS, chat, streamChat },
    { id: 'watsonx_text', supportedParams: WATSONX_TEXT_PARAMS, chat: chatWithWatsonxText, streamChat: streamWithWatsonxText },
  ];
}

async function chat(request: ChatCompletionRequest, context: ProviderCallContext): Promise<ChatCompletion> {
  const call = await sendChat(request, context, false);
  const body = await parseOpenAIBody(call, openAIResponseSchema, context, 'a chat reply');
  return convertOpenAIResponse({ ...body, model: body.model ?? stringField(body, 'model_id') }, { ...NO_CONVERT_OPTIONS, model: context.model, created: nowSeconds() });
}

async function streamChat(request: ChatCompletionRequest, context: ProviderCallContext): Promise<AsyncIterable<ChatCompletionChunk>> {
  const call = await sendChat(request, context, true);
  return readOpenAIStream(call.response, {
    ...NO_CONVERT_OPTIONS,
    provider: context.provider,
    model: context.model,
    secrets: call.secrets,
    created: nowSeconds(),
    signal: context.signal,
  });
}

function sendChat(request: ChatCompletionRequest, context: ProviderCallContext, stream: boolean): Promise<ProviderCall> {
  return sendWatsonxRequest(context, stream ? 'chat_stream' : 'chat', (modelId, settings) => convertToWatsonxChatRequest(request, modelId, settings));
}

function stringField(body: Record<string, unknown>, name: string): string | undefined {
  const value = body[name];
  return typeof value === 'string' ? value : undefined;
}
