// Claude on Vertex AI: the Messages API body without `model` (it is in the URL) and with
// Vertex's `anthropic_version`, posted to `:rawPredict` / `:streamRawPredict`. Conversion is
// the Anthropic adapter's own; only the envelope differs.

import { createUpstreamErrorFactory } from '../../http/create-upstream-error.js';
import type { ChatCompletion, ChatCompletionChunk, ChatCompletionRequest } from '../../spec/index.js';
import { anthropicResponseSchema } from '../anthropic/anthropic-api.js';
import { convertAnthropicResponse } from '../anthropic/convert-anthropic-response.js';
import { convertToAnthropicRequest } from '../anthropic/convert-to-anthropic-request.js';
import { readAnthropicStream } from '../anthropic/read-anthropic-stream.js';
import type { GeminiEndpoint } from '../gemini/index.js';
import { nowSeconds } from '../now-seconds.js';
import { parseJsonBody } from '../parse-json-body.js';
import type { ProviderCallContext } from '../provider-adapter.js';
import { sendProviderRequest, type ProviderCall } from '../send-provider-request.js';
import { parseVertexAnthropicError } from './vertex-error.js';

export const VERTEX_ANTHROPIC_VERSION = 'vertex-2023-10-16';
const createVertexAnthropicHttpError = createUpstreamErrorFactory(parseVertexAnthropicError);

export async function vertexAnthropicChat(request: ChatCompletionRequest, context: ProviderCallContext, endpoint: GeminiEndpoint): Promise<ChatCompletion> {
  const { body, jsonMode } = toVertexBody(request, false, context.warnings);
  const { response } = await sendVertexAnthropic(endpoint, 'rawPredict', JSON.stringify(body), context, undefined);
  const message = await parseJsonBody(response, anthropicResponseSchema, context, 'a Messages API message');
  return convertAnthropicResponse(message, { jsonMode, created: nowSeconds() });
}

export async function vertexAnthropicStreamChat(
  request: ChatCompletionRequest,
  context: ProviderCallContext,
  endpoint: GeminiEndpoint,
): Promise<AsyncIterable<ChatCompletionChunk>> {
  const { body, jsonMode } = toVertexBody(request, true, context.warnings);
  const { response } = await sendVertexAnthropic(endpoint, 'streamRawPredict', JSON.stringify(body), context, undefined);
  return readAnthropicStream(response, context, { jsonMode, created: nowSeconds(), provider: context.provider, model: context.model, secrets: endpoint.secrets });
}

function toVertexBody(request: ChatCompletionRequest, stream: boolean, warnings: string[]): { body: Record<string, unknown>; jsonMode: boolean } {
  const { body, jsonMode } = convertToAnthropicRequest(request, { stream, warnings });
  const { model: _model, ...rest } = body;
  return { body: { anthropic_version: VERTEX_ANTHROPIC_VERSION, ...rest }, jsonMode };
}

/**
 * Posts a serialised body to `:rawPredict` / `:streamRawPredict`. `forwarded` are the
 * client's own Anthropic headers on a passthrough call (anthropic-beta); the deployment's
 * extra_headers outrank them, and nothing outranks the token.
 */
export function sendVertexAnthropic(
  endpoint: GeminiEndpoint,
  method: 'rawPredict' | 'streamRawPredict',
  text: string,
  context: ProviderCallContext,
  forwarded: Readonly<Record<string, string>> | undefined,
): Promise<ProviderCall> {
  const stream = method === 'streamRawPredict';
  const headers = { 'content-type': 'application/json', ...(stream ? { accept: 'text/event-stream' } : {}), ...forwarded, ...context.extraHeaders, ...endpoint.authHeaders };
  const url = `${endpoint.modelUrl}:${method}`;
  return sendProviderRequest(context, 'POST', url, headers, text, createVertexAnthropicHttpError, endpoint.secrets);
}
