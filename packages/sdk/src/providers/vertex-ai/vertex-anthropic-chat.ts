// Claude on Vertex AI: the Messages API body without `model` (it is in the URL) and with
// Vertex's `anthropic_version`, posted to `:rawPredict` / `:streamRawPredict`. Conversion is
// the Anthropic adapter's own; only the envelope differs.

import { BadGatewayError } from '../../errors/error-classes.js';
import { isLlmuxError } from '../../errors/to-openai-error-body.js';
import { createUpstreamError } from '../../http/create-upstream-error.js';
import { decodeSse } from '../../http/decode-sse.js';
import { toConnectionError, type HttpResponse } from '../../http/http-client.js';
import { readJson } from '../../http/read-body.js';
import type { ChatCompletion, ChatCompletionChunk, ChatCompletionRequest } from '../../spec/index.js';
import { anthropicResponseSchema } from '../anthropic/anthropic-api.js';
import { convertAnthropicStream, type AnthropicStreamOptions } from '../anthropic/anthropic-stream.js';
import { convertAnthropicResponse } from '../anthropic/convert-anthropic-response.js';
import { convertToAnthropicRequest } from '../anthropic/convert-to-anthropic-request.js';
import type { GeminiEndpoint } from '../gemini/index.js';
import type { ProviderCallContext } from '../provider-adapter.js';
import { parseVertexAnthropicError } from './vertex-error.js';

export const VERTEX_ANTHROPIC_VERSION = 'vertex-2023-10-16';


export async function vertexAnthropicChat(request: ChatCompletionRequest, context: ProviderCallContext, endpoint: GeminiEndpoint): Promise<ChatCompletion> {
  const { body, jsonMode } = toVertexBody(request, false, context.warnings);
  const response = await send(endpoint, 'rawPredict', body, context);
  let json: unknown;
  try {
    json = await readJson(response);
  } catch (error) {
    if (isLlmuxError(error)) throw error;
    if (!(error instanceof SyntaxError)) throw toConnectionError(error, context);
  }
  const parsed = anthropicResponseSchema.safeParse(json);
  if (!parsed.success) {
    throw new BadGatewayError(`${context.provider} returned a body that is not a Messages API message`, { provider: context.provider, model: context.model });
  }
  return convertAnthropicResponse(parsed.data, { jsonMode, created: nowSeconds() });
}

export async function vertexAnthropicStreamChat(
  request: ChatCompletionRequest,
  context: ProviderCallContext,
  endpoint: GeminiEndpoint,
): Promise<AsyncIterable<ChatCompletionChunk>> {
  const { body, jsonMode } = toVertexBody(request, true, context.warnings);
  const response = await send(endpoint, 'streamRawPredict', body, context);
  return readStream(response, context, { jsonMode, created: nowSeconds(), provider: context.provider, model: context.model, secrets: endpoint.secrets });
}

function toVertexBody(request: ChatCompletionRequest, stream: boolean, warnings: string[]): { body: Record<string, unknown>; jsonMode: boolean } {
  const { body, jsonMode } = convertToAnthropicRequest(request, { stream, warnings });
  const { model: _model, ...rest } = body;
  return { body: { anthropic_version: VERTEX_ANTHROPIC_VERSION, ...rest }, jsonMode };
}

async function send(endpoint: GeminiEndpoint, method: string, body: unknown, context: ProviderCallContext): Promise<HttpResponse> {
  const stream = method === 'streamRawPredict';
  const response = await context.http.send({
    url: `${endpoint.modelUrl}:${method}`,
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(stream ? { accept: 'text/event-stream' } : {}), ...context.extraHeaders, ...endpoint.authHeaders },
    body: JSON.stringify(body),
    signal: context.signal,
    timeoutMs: context.timeoutMs,
    idleTimeoutMs: context.streamIdleTimeoutMs,
    provider: context.provider,
    model: context.model,
  });
  if (response.status < 200 || response.status >= 300) {
    throw await createUpstreamError(response, parseVertexAnthropicError, { provider: context.provider, model: context.model, secrets: endpoint.secrets });
  }
  return response;
}

async function* readStream(
  response: HttpResponse,
  context: ProviderCallContext,
  options: AnthropicStreamOptions,
): AsyncGenerator<ChatCompletionChunk> {
  let finished = false;
  try {
    yield* convertAnthropicStream(decodeSse(response.body), options);
    finished = true;
  } catch (error) {
    throw isLlmuxError(error) ? error : toConnectionError(error, context);
  } finally {
    if (!finished) response.body.destroy();
  }
}

function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}
