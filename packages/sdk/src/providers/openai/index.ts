// The adapter for every OpenAI-format provider, built from one row of data: OpenAI itself and
// each OpenAI-compatible provider. It orchestrates only; conversion lives in the convert-*
// files and the stream in openai-stream.ts; rows without quirks pass chat bodies through
// (openai-native.ts).

import { CHAT_PARAMETER_NAMES } from '../../spec/chat-completion-request.js';
import type { ChatCompletion, ChatCompletionChunk, ChatCompletionRequest, ChatParameterName, EmbeddingRequest, EmbeddingResponse, ModelList } from '../../spec/index.js';
import { nowSeconds } from '../now-seconds.js';
import type { ProviderAdapter, ProviderCallContext } from '../provider-adapter.js';
import { convertOpenAIEmbeddingResponse } from './convert-openai-embedding-response.js';
import { convertOpenAIModelList } from './convert-openai-model-list.js';
import { convertOpenAIResponse } from './convert-openai-response.js';
import { createOpenAIRequestConverter } from './convert-to-openai-request.js';
import { createOpenAIMedia } from './openai-media.js';
import { createOpenAIBatches } from './openai-batches.js';
import { createOpenAIChatNative } from './openai-native.js';
import { createOpenAIRerank } from './openai-rerank.js';
import { createOpenAIModeration, createOpenAITextCompletion } from './openai-text-completion.js';
import { openAIEmbeddingResponseSchema, openAIModelListSchema, openAIResponseSchema } from './openai-api.js';
import type { OpenAIProviderConfig } from './openai-provider-config.js';
import { isPlainOpenAIResponse } from './openai-quick-checks.js';
import { readOpenAIStream } from './openai-stream.js';
import { parseOpenAIBody } from './parse-openai-body.js';
import { sendOpenAIRequest } from './send-openai-request.js';

export type { OpenAIEndpoint, OpenAIEndpointResolver, OpenAIProviderConfig } from './openai-provider-config.js';

export function createOpenAIAdapter(config: OpenAIProviderConfig): ProviderAdapter {
  const unsupported = new Set<ChatParameterName>(config.unsupportedParams ?? []);
  const supportedParams: ReadonlySet<ChatParameterName> = new Set(CHAT_PARAMETER_NAMES.filter((name) => !unsupported.has(name)));
  const convertRequest = createOpenAIRequestConverter(config.quirks);
  const reasoningField = config.quirks?.reasoningField;
  const thinkTags = config.quirks?.thinkTags === true;

  async function chat(request: ChatCompletionRequest, context: ProviderCallContext): Promise<ChatCompletion> {
    const wire = convertRequest(request);
    const call = await sendOpenAIRequest(config, { path: '/chat/completions', method: 'POST', body: wire.body, stream: false }, context);
    const body = await parseOpenAIBody(call, openAIResponseSchema, context, 'a chat.completion', isPlainOpenAIResponse);
    return convertOpenAIResponse(body, { reasoningField, thinkTags, toolCallIds: wire.toolCallIds, model: context.model, created: nowSeconds() });
  }

  async function streamChat(request: ChatCompletionRequest, context: ProviderCallContext): Promise<AsyncIterable<ChatCompletionChunk>> {
    const wire = convertRequest(request);
    const call = await sendOpenAIRequest(config, { path: '/chat/completions', method: 'POST', body: wire.body, stream: true }, context);
    return readOpenAIStream(call.response, {
      reasoningField,
      thinkTags,
      toolCallIds: wire.toolCallIds,
      provider: context.provider,
      model: context.model,
      secrets: call.secrets,
      created: nowSeconds(),
      signal: context.signal,
    });
  }

  const renames = config.embeddingParams;
  async function embed(request: EmbeddingRequest, context: ProviderCallContext): Promise<EmbeddingResponse> {
    const body = JSON.stringify(renames === undefined ? request : renameKeys(request, renames, context.warnings));
    const call = await sendOpenAIRequest(config, { path: '/embeddings', method: 'POST', body, stream: false }, context);
    const reply = await parseOpenAIBody(call, openAIEmbeddingResponseSchema, context, 'an embedding list');
    return convertOpenAIEmbeddingResponse(reply, context.model);
  }

  async function listModels(context: ProviderCallContext): Promise<ModelList> {
    const call = await sendOpenAIRequest(config, { path: '/models', method: 'GET', stream: false }, context);
    const body = await parseOpenAIBody(call, openAIModelListSchema, context, 'a model list');
    return convertOpenAIModelList(body, config.id);
  }

  const native = createOpenAIChatNative(config);
  // Only the media operations the row declares; others are refused by name before any call.
  const media = createOpenAIMedia(config);
  const adapter: ProviderAdapter = {
    id: config.id,
    supportedParams,
    forwardsUnknownParams: true,
    chat,
    streamChat,
    listModels,
    ...(media === undefined ? {} : { media }),
    ...(native === undefined ? {} : { native }),
  };
  if (config.completions !== undefined) adapter.textCompletion = createOpenAITextCompletion(config, config.completions);
  if (config.moderations === true) adapter.moderation = createOpenAIModeration(config);
  if (config.batches === true) adapter.batches = createOpenAIBatches(config);
  if (config.rerank !== undefined) adapter.rerank = createOpenAIRerank(config, config.rerank);
  return config.embeddings ? { ...adapter, embed } : adapter;
}

/** A copy of `request` with the keys in `renames` under the provider's names, those renamed to null left out. */
function renameKeys(request: EmbeddingRequest, renames: Readonly<Record<string, string | null>>, warnings: string[]): Record<string, unknown> {
  const renamed: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(request)) {
    const name = renames[key];
    if (name === null) warnings.push(`dropped parameter "${key}": not supported by this provider's embeddings`);
    else renamed[name ?? key] = value;
  }
  return renamed;
}
