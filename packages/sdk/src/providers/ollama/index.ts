// The Ollama native API adapters: `ollama_chat/<model>` speaks `/api/chat` (tools, images,
// thinking), `ollama/<model>` speaks `/api/generate` (one prompt), and both embed through
// `/api/embed`. They orchestrate only; conversion lives in the convert-* files beside them.

import { BadGatewayError } from '../../errors/error-classes.js';
import { isLlmuxError } from '../../errors/to-openai-error-body.js';
import { toConnectionError } from '../../http/http-client.js';
import { readJson } from '../../http/read-body.js';
import type {
  ChatCompletion,
  ChatCompletionChunk,
  ChatCompletionRequest,
  ChatParameterName,
  EmbeddingRequest,
  EmbeddingResponse,
} from '../../spec/index.js';
import { nowSeconds } from '../now-seconds.js';
import type { ProviderAdapter, ProviderCallContext } from '../provider-adapter.js';
import { createCompletionId } from './create-ollama-id.js';
import { convertOllamaEmbedResponse } from './convert-ollama-embed-response.js';
import { convertOllamaResponse } from './convert-ollama-response.js';
import { convertToOllamaEmbedRequest } from './convert-to-ollama-embed-request.js';
import { convertToOllamaGenerateRequest } from './convert-to-ollama-generate-request.js';
import { convertToOllamaRequest } from './convert-to-ollama-request.js';
import { ollamaChunkSchema, ollamaEmbedResponseSchema } from './ollama-api.js';
import { createOllamaPayloadError, readOllamaErrorMessage } from './ollama-error.js';
import { readOllamaStream } from './ollama-stream.js';
import { sendOllamaRequest, type OllamaCall, type OllamaPath } from './send-ollama-request.js';

/**
 * What both endpoints honour. stream_options is listed because Ollama always reports its
 * counts; n, logprobs, logit_bias, user, metadata, service_tier and parallel_tool_calls
 * have no Ollama equivalent.
 */
const GENERATE_PARAMS: readonly ChatParameterName[] = [
  'stream_options',
  'temperature',
  'top_p',
  'max_tokens',
  'max_completion_tokens',
  'stop',
  'seed',
  'presence_penalty',
  'frequency_penalty',
  'response_format',
  'reasoning_effort',
];
const CHAT_PARAMS: readonly ChatParameterName[] = [...GENERATE_PARAMS, 'tools', 'tool_choice'];

interface OllamaEndpoint {
  id: string;
  path: OllamaPath;
  supportedParams: readonly ChatParameterName[];
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
    const parsed = ollamaChunkSchema.safeParse(await readBody(call, context));
    if (!parsed.success) throw notOllama(context, 'a chat reply');
    return convertOllamaResponse(parsed.data, { model: context.model, created: nowSeconds() });
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

  return { id: endpoint.id, supportedParams: new Set(endpoint.supportedParams), chat, streamChat, embed };
}

async function embed(request: EmbeddingRequest, context: ProviderCallContext): Promise<EmbeddingResponse> {
  const call = await sendOllamaRequest('/api/embed', convertToOllamaEmbedRequest(request), false, context);
  const parsed = ollamaEmbedResponseSchema.safeParse(await readBody(call, context));
  if (!parsed.success) throw notOllama(context, 'an embedding reply');
  return convertOllamaEmbedResponse(parsed.data, { model: context.model, encodingFormat: request.encoding_format });
}

/** The JSON body of a 2xx reply; an `{"error"}` body under a 200 is still an error. */
async function readBody(call: OllamaCall, context: ProviderCallContext): Promise<unknown> {
  let json: unknown;
  try {
    json = await readJson(call.response);
  } catch (error) {
    if (error instanceof SyntaxError) throw notOllama(context, 'JSON');
    throw isLlmuxError(error) ? error : toConnectionError(error, context);
  }
  const message = readOllamaErrorMessage(json);
  if (message !== undefined) throw createOllamaPayloadError(message, { ...context, secrets: call.secrets });
  return json;
}

function notOllama(context: ProviderCallContext, what: string): BadGatewayError {
  return new BadGatewayError(`${context.provider} returned a body that is not ${what}`, { provider: context.provider, model: context.model });
}
