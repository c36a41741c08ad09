// The Cohere v2 adapter: chat (with its own stream events), embeddings and rerank. It
// orchestrates only; conversion lives in the convert-* files and the stream in
// cohere-stream.ts.

import { randomBytes } from 'node:crypto';
import type { z, ZodType } from 'zod';
import type {
  ChatCompletion,
  ChatCompletionChunk,
  ChatCompletionRequest,
  ChatParameterName,
  EmbeddingRequest,
  EmbeddingResponse,
  RerankRequest,
  RerankResponse,
} from '../../spec/index.js';
import { nowSeconds } from '../now-seconds.js';
import { parseJsonBody } from '../parse-json-body.js';
import type { ProviderAdapter, ProviderCallContext } from '../provider-adapter.js';
import { cohereEmbedResponseSchema, cohereRerankResponseSchema, cohereResponseSchema } from './cohere-api.js';
import { createCohereFinishError } from './cohere-error.js';
import { readCohereStream } from './cohere-stream.js';
import { convertCohereEmbedResponse } from './convert-cohere-embed-response.js';
import { convertCohereRerankResponse } from './convert-cohere-rerank-response.js';
import { convertCohereResponse } from './convert-cohere-response.js';
import { convertToCohereEmbedRequest } from './convert-to-cohere-embed-request.js';
import { convertToCohereRerankRequest } from './convert-to-cohere-rerank-request.js';
import { convertToCohereRequest } from './convert-to-cohere-request.js';
import { sendCohereRequest, type CohereCall } from './send-cohere-request.js';
import { chatParamSet, REASONING_PARAMS, SEED_AND_PENALTIES, TOOL_PARAMS } from '../chat-param-sets.js';

/**
 * What v2 chat honours. stream_options is listed because Cohere always reports usage in
 * streams; top_k is sent as k, thinking as Cohere's thinking. n, user, logit_bias, logprobs, parallel_tool_calls, metadata and service_tier
 * have no Cohere equivalent.
 */
const SUPPORTED_PARAMS: ReadonlySet<ChatParameterName> = chatParamSet(...SEED_AND_PENALTIES, ...TOOL_PARAMS, ...REASONING_PARAMS);

export function createCohereProvider(): ProviderAdapter {
  return { id: 'cohere', supportedParams: SUPPORTED_PARAMS, chat, streamChat, embed, rerank };
}

async function chat(request: ChatCompletionRequest, context: ProviderCallContext): Promise<ChatCompletion> {
  const call = await sendCohereRequest('/v2/chat', convertToCohereRequest(request, { stream: false, warnings: context.warnings }), false, context);
  const body = await readBody(call, cohereResponseSchema, context, 'a v2 chat reply');
  const failure = createCohereFinishError(body.finish_reason, undefined, { ...context, secrets: call.secrets });
  if (failure !== undefined) throw failure;
  return convertCohereResponse(body, { id: createId(), model: context.model, created: nowSeconds() });
}

async function streamChat(request: ChatCompletionRequest, context: ProviderCallContext): Promise<AsyncIterable<ChatCompletionChunk>> {
  const call = await sendCohereRequest('/v2/chat', convertToCohereRequest(request, { stream: true, warnings: context.warnings }), true, context);
  return readCohereStream(call.response, {
    id: createId(),
    created: nowSeconds(),
    provider: context.provider,
    model: context.model,
    secrets: call.secrets,
    signal: context.signal,
  });
}

async function embed(request: EmbeddingRequest, context: ProviderCallContext): Promise<EmbeddingResponse> {
  const call = await sendCohereRequest('/v2/embed', convertToCohereEmbedRequest(request, context.settings), false, context);
  const body = await readBody(call, cohereEmbedResponseSchema, context, 'a v2 embed reply');
  return convertCohereEmbedResponse(body, { model: context.model, encodingFormat: request.encoding_format });
}

async function rerank(request: RerankRequest, context: ProviderCallContext): Promise<RerankResponse> {
  const wire = convertToCohereRerankRequest(request);
  const call = await sendCohereRequest('/v2/rerank', wire, false, context);
  const body = await readBody(call, cohereRerankResponseSchema, context, 'a v2 rerank reply');
  return convertCohereRerankResponse(body, { id: createId(), documents: request.return_documents === true ? wire.documents : undefined });
}

function readBody<Schema extends ZodType>(call: CohereCall, schema: Schema, context: ProviderCallContext, what: string): Promise<z.output<Schema>> {
  return parseJsonBody(call.response, schema, context, what, undefined, call.secrets);
}

/** Fallback id for replies without one; Cohere normally sends a UUID. */
function createId(): string {
  return randomBytes(16).toString('hex');
}
