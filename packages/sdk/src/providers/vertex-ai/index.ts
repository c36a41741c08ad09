// The Vertex AI adapter: `vertex_ai/<model>`. Gemini models go to the google publisher's
// generateContent (the Gemini adapter's conversion), Claude models to the anthropic
// publisher's rawPredict (the Anthropic adapter's conversion), partner models (`meta/…`,
// `deepseek-ai/…`) to the OpenAI-compatible endpoint (vertex-partner-chat.ts), all with a
// Google OAuth token.
// Messages-dialect calls to Claude pass through (vertex-native.ts).

import type { ChatCompletionRequest, ChatParameterName, EmbeddingRequest, EmbeddingResponse } from '../../spec/index.js';
import { createGeminiMedia, GEMINI_SUPPORTED_PARAMS, geminiChat, geminiStreamChat, readGeminiJson, sendGeminiRequest, type GeminiEndpoint } from '../gemini/index.js';
import type { ProviderAdapter, ProviderCallContext } from '../provider-adapter.js';
import { convertToVertexEmbeddingRequest } from './convert-to-vertex-embedding-request.js';
import { embedWithVertexMultimodal, isMultimodalEmbeddingModel } from './embed-with-vertex-multimodal.js';
import { convertVertexEmbeddingResponse } from './convert-vertex-embedding-response.js';
import { resolveVertexEndpoint, type VertexPublisher } from './resolve-vertex-endpoint.js';
import { resolveVertexSettings } from './resolve-vertex-settings.js';
import { publisherOf, withTokenRetirement } from './vertex-publisher.js';
import { VERTEX_NATIVE } from './vertex-native.js';
import { vertexEmbeddingResponseSchema } from './vertex-api.js';
import { ANTHROPIC_SUPPORTED_PARAMS } from '../anthropic/index.js';
import { vertexAnthropicChat, vertexAnthropicStreamChat } from './vertex-anthropic-chat.js';
import { createVertexPartnerChat, isPartnerModel } from './vertex-partner-chat.js';
import { createVertexBatches } from './vertex-batches.js';

const SUPPORTED_PARAMS: ReadonlySet<ChatParameterName> = new Set([...GEMINI_SUPPORTED_PARAMS, ...ANTHROPIC_SUPPORTED_PARAMS]);

export function createVertexAIProvider(): ProviderAdapter {
  const partner = createVertexPartnerChat();
  return {
    id: 'vertex_ai',
    supportedParams: SUPPORTED_PARAMS,
    // Three model families share this provider id; each honours its own parameters.
    supportedParamsFor: (model) => {
      if (isPartnerModel(model)) return partner.supportedParams;
      return publisherOf(model) === 'anthropic' ? ANTHROPIC_SUPPORTED_PARAMS : GEMINI_SUPPORTED_PARAMS;
    },
    chat: (request, context) =>
      isPartnerModel(context.model)
        ? partner.chat(request, context)
        : call(request, context, (endpoint, publisher) => (publisher === 'anthropic' ? vertexAnthropicChat(request, context, endpoint) : geminiChat(request, context, endpoint))),
    streamChat: (request, context) =>
      isPartnerModel(context.model)
        ? partner.streamChat(request, context)
        : call(request, context, (endpoint, publisher) =>
            publisher === 'anthropic' ? vertexAnthropicStreamChat(request, context, endpoint) : geminiStreamChat(request, context, endpoint),
          ),
    embed,
    // Imagen, transcripts and TTS on the google publisher's models, as on AI Studio.
    media: createGeminiMedia(async (context) => resolveVertexEndpoint(context, await resolveVertexSettings(context), 'google'), { imageEdits: true }),
    native: VERTEX_NATIVE,
    batches: createVertexBatches(GEMINI_SUPPORTED_PARAMS),
  };
}

async function call<Result>(
  request: ChatCompletionRequest,
  context: ProviderCallContext,
  run: (endpoint: GeminiEndpoint, publisher: VertexPublisher) => Promise<Result>,
): Promise<Result> {
  const publisher = publisherOf(context.model);
  const settings = await resolveVertexSettings(context);
  return withTokenRetirement(settings, async () => run(await resolveVertexEndpoint(context, settings, publisher), publisher));
}

async function embed(request: EmbeddingRequest, context: ProviderCallContext): Promise<EmbeddingResponse> {
  const settings = await resolveVertexSettings(context);
  return withTokenRetirement(settings, async () => {
    const endpoint = await resolveVertexEndpoint(context, settings, 'google');
    if (isMultimodalEmbeddingModel(context.model)) return embedWithVertexMultimodal(request, endpoint, context);
    const { response } = await sendGeminiRequest(endpoint, 'predict', convertToVertexEmbeddingRequest(request), context, false);
    const parsed = await readGeminiJson(response, vertexEmbeddingResponseSchema, endpoint, context, 'a predict response with embeddings');
    return convertVertexEmbeddingResponse(parsed, request, context.model);
  });
}
