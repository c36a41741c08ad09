// The Ollama native API adapters: `ollama_chat/<model>` speaks `/api/chat` (tools, images,
// thinking), `ollama/<model>` speaks `/api/generate` (one prompt), and both embed through
// `/api/embed`. They orchestrate only; conversion lives in the convert-* files beside them.

import type { ChatCompletion, ChatCompletionChunk, ChatCompletionRequest, ChatParameterName, EmbeddingRequest, EmbeddingResponse } from '../../spec/index.js';
import { chatParamSet, REASONING_PARAMS, SEED_AND_PENALTIES, TOOL_PARAMS } from '../chat-param-sets.js';
import { nowSeconds } from '../now-seconds.js';
import { parseJsonBody } from '../parse-json-body.js';
import type { ProviderAdapter, ProviderCallContext } from '../provider-adapter.js';
import { createCompletionId } from './create-ollama-id.js';
import { convertOllamaEmbedResponse } from './convert-ollama-embed-response.js';
import { convertOllamaResponse } from './convert-ollama-response.js';
import { convertToOllamaEmbedRequest } from './convert-to-ollama-embed-request.js';
import { convertToOllamaGenerateRequest } from './convert-to-ollama-generate-request.js';
import { convertToOllamaRequest } from './convert-to-ollama-request.js';
import { ollamaChunkSchema, ollamaEmbedResponseSchema } from './ollama-api.js';
import { OLLAMA_PAYLOAD_ERRORS } from './ollama-error.js';
import { readOllamaStream } from './ollama-stream.js';
import { sendOllamaRequest, type OllamaPath } from './send-ollama-request.js';

/**
 * What both endpoints honour. stream_options is listed because Ollama always reports its
 * counts; top_k goes in options, thinking as think. n, logprobs, logit_bias, user, metadata, service_tier and parallel_tool_calls
 * have no Ollama equivalent.
 */
const GENERATE_PARAMS = chatParamSet(...SEED_AND_PENALTIES, ...REASONING_PARAMS);
const CHAT_PARAMS = chatParamSet(...SEED_AND_PENALTIES, ...REASONING_PARAMS, ...TOOL_PARAMS);

interface OllamaEndpoint {
  id: string;
  path: OllamaPath;
  supportedParams: ReadonlySet<ChatParameterName>;
  convert(request: ChatCompletionRequest, options: { stream: boolean; warnings: string[] }): unknown;
}

export function createOllamaProviders(): ProviderAdapter[] {
  return [
    createOllamaAdapter({ id: 'ollama_chat', path: '/api/chat', supportedParams: CHAT_PARAMS, convert: convertToOllamaRequest }),
    createOllamaAdapter({ id: 'ollama', path: '/api/generate', supportedParams: GENERATE_PARAMS, convert: convertToOllamaGenerateRequest }),
  ];
}

function createOllamaAdapter(endpoint: OllamaEndpoint): ProviderAdapter {
  async function chat(request: ChatCompletionRequest, context: ProviderCallContext): Promise<ChatCompletion> {
    const body = endpoint.convert(request, { stream: false, warnings: context.warnings });
    const call = await sendOllamaRequest(endpoint.path, body, false, context);
    const reply = await parseJsonBody(call.response, ollamaChunkSchema, context, 'a chat reply', OLLAMA_PAYLOAD_ERRORS, call.secrets);
    return convertOllamaResponse(reply, { model: context.model, created: nowSeconds() });
  }

  async function streamChat(request: ChatCompletionRequest, context: ProviderCallContext): Promise<AsyncIterable<ChatCompletionChunk>> {
    const body = endpoint.convert(request, { stream: true, warnings: context.warnings });
    const call = await sendOllamaRequest(endpoint.path, body, true, context);
    return readOllamaStream(call.response, {
      id: createCompletionId(),
      created: nowSeconds(),
      provider: context.provider,
      model: context.model,
      secrets: call.secrets,
      signal: context.signal,
    });
  }

  return { id: endpoint.id, supportedParams: endpoint.supportedParams, chat, streamChat, embed };
}

async function embed(request: EmbeddingRequest, context: ProviderCallContext): Promise<EmbeddingResponse> {
  const call = await sendOllamaRequest('/api/embed', convertToOllamaEmbedRequest(request), false, context);
  const reply = await parseJsonBody(call.response, ollamaEmbedResponseSchema, context, 'an embedding reply', OLLAMA_PAYLOAD_ERRORS, call.secrets);
  return convertOllamaEmbedResponse(reply, { model: context.model, encodingFormat: request.encoding_format });
}
