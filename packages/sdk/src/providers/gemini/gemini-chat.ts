// Chat over Gemini's generateContent, given an endpoint: the orchestration the AI Studio and
// Vertex AI adapters share. Conversion lives in the convert-* files, the stream in
// gemini-stream.ts.

import type { ChatCompletion, ChatCompletionChunk, ChatCompletionRequest, ChatParameterName } from '../../spec/index.js';
import { nowSeconds } from '../now-seconds.js';
import type { ProviderCallContext } from '../provider-adapter.js';
import { convertGeminiResponse } from './convert-gemini-response.js';
import { convertToGeminiRequest } from './convert-to-gemini-request.js';
import { geminiResponseSchema } from './gemini-api.js';
import { readGeminiStream } from './gemini-stream.js';
import { readGeminiJson, sendGeminiRequest, type GeminiEndpoint } from './send-gemini-request.js';
import { chatParamSet, REASONING_PARAMS, SEED_AND_PENALTIES, TOOL_PARAMS } from '../chat-param-sets.js';

/**
 * What generateContent honours. stream_options is listed because Gemini reports usage in
 * every stream; parallel_tool_calls because true is what Gemini does anyway (false is
 * reported as a warning). top_k → topK, thinking → thinkingConfig, web_search_options → the
 * googleSearch tool. user, metadata, logit_bias, logprobs and service_tier have no Gemini
 * equivalent here.
 */
export const GEMINI_SUPPORTED_PARAMS: ReadonlySet<ChatParameterName> = chatParamSet(
  'n',
  ...SEED_AND_PENALTIES,
  ...TOOL_PARAMS,
  'parallel_tool_calls',
  ...REASONING_PARAMS,
  'web_search_options',
);

export async function geminiChat(request: ChatCompletionRequest, context: ProviderCallContext, endpoint: GeminiEndpoint): Promise<ChatCompletion> {
  const body = convertToGeminiRequest(request, context.warnings);
  const { response } = await sendGeminiRequest(endpoint, 'generateContent', body, context, false);
  const parsed = await readGeminiJson(response, geminiResponseSchema, endpoint, context, 'a GenerateContentResponse');
  return convertGeminiResponse(parsed, { created: nowSeconds(), provider: context.provider, model: context.model });
}

export async function geminiStreamChat(request: ChatCompletionRequest, context: ProviderCallContext, endpoint: GeminiEndpoint): Promise<AsyncIterable<ChatCompletionChunk>> {
  const body = convertToGeminiRequest(request, context.warnings);
  const { response } = await sendGeminiRequest(endpoint, 'streamGenerateContent', body, context, true);
  return readGeminiStream(response, { created: nowSeconds(), provider: context.provider, model: context.model, secrets: endpoint.secrets, signal: context.signal });
}
