// The Anthropic Messages API adapter: converts the canonical request, sends it, and
// converts the reply or stream back. Conversion lives in the convert-* files beside it;
// Messages-dialect calls pass through (anthropic-native.ts).

import type { ChatCompletion, ChatCompletionChunk, ChatCompletionRequest, ChatParameterName } from '../../spec/index.js';
import { nowSeconds } from '../now-seconds.js';
import { parseJsonBody } from '../parse-json-body.js';
import type { ProviderAdapter, ProviderCallContext } from '../provider-adapter.js';
import { anthropicResponseSchema } from './anthropic-api.js';
import { ANTHROPIC_NATIVE } from './anthropic-native.js';
import { convertAnthropicResponse } from './convert-anthropic-response.js';
import { convertToAnthropicRequest } from './convert-to-anthropic-request.js';
import { readAnthropicStream } from './read-anthropic-stream.js';
import { sendAnthropicRequest } from './send-anthropic-request.js';
import { chatParamSet, REASONING_PARAMS, TOOL_PARAMS } from '../chat-param-sets.js';

/**
 * What the Messages API honours (also Claude on Vertex). stream_options is listed because
 * Anthropic always reports usage in streams; n, seed, penalties, logprobs, logit_bias,
 * metadata and service_tier have no Anthropic equivalent. top_k, thinking and
 * web_search_options are LiteLLM's provider parameters, mapped to Claude's own.
 */
export const ANTHROPIC_SUPPORTED_PARAMS: ReadonlySet<ChatParameterName> = chatParamSet('user', ...TOOL_PARAMS, 'parallel_tool_calls', ...REASONING_PARAMS, 'web_search_options');

export function createAnthropicProvider(): ProviderAdapter {
  return {
    id: 'anthropic',
    supportedParams: ANTHROPIC_SUPPORTED_PARAMS,
    chat,
    streamChat,
    native: ANTHROPIC_NATIVE,
  };
}

async function chat(request: ChatCompletionRequest, context: ProviderCallContext): Promise<ChatCompletion> {
  const { body, jsonMode } = convertToAnthropicRequest(request, { stream: false, warnings: context.warnings });
  const { response, secrets } = await sendAnthropicRequest(body, context);
  const message = await parseJsonBody(response, anthropicResponseSchema, context, 'a Messages API message', undefined, secrets);
  return convertAnthropicResponse(message, { jsonMode, created: nowSeconds() });
}

async function streamChat(request: ChatCompletionRequest, context: ProviderCallContext): Promise<AsyncIterable<ChatCompletionChunk>> {
  const { body, jsonMode } = convertToAnthropicRequest(request, { stream: true, warnings: context.warnings });
  const { response, secrets } = await sendAnthropicRequest(body, context);
  return readAnthropicStream(response, context, { jsonMode, created: nowSeconds(), provider: context.provider, model: context.model, secrets });
}
