// The Google AI Studio (Gemini Developer API) adapter: `gemini/<model>`. Chat is shared with
// Vertex AI through gemini-chat.ts; this file adds the endpoint and embeddings.

import type { EmbeddingRequest, EmbeddingResponse } from '../../spec/index.js';
import type { ProviderAdapter, ProviderCallContext } from '../provider-adapter.js';
import { convertGeminiEmbeddingResponse } from './convert-gemini-embedding-response.js';
import { convertToGeminiEmbeddingRequest } from './convert-to-gemini-embedding-request.js';
import { geminiEmbeddingResponseSchema } from './gemini-api.js';
import { createGeminiMedia } from './gemini-media.js';
import { GEMINI_SUPPORTED_PARAMS, geminiChat, geminiStreamChat } from './gemini-chat.js';
import { geminiResourceName, resolveGeminiEndpoint } from './resolve-gemini-endpoint.js';
import { readGeminiJson, sendGeminiRequest } from './send-gemini-request.js';

export { GEMINI_SUPPORTED_PARAMS, geminiChat, geminiStreamChat } from './gemini-chat.js';
export { readGeminiJson, sendGeminiRequest, type GeminiEndpoint } from './send-gemini-request.js';
export { convertGeminiEmbeddingResponse } from './convert-gemini-embedding-response.js';
export { readEmbeddingTexts } from './convert-to-gemini-embedding-request.js';
export { parseGeminiError } from './gemini-error.js';
export { createGeminiMedia } from './gemini-media.js';

export function createGeminiProvider(): ProviderAdapter {
  return {
    id: 'gemini',
    supportedParams: GEMINI_SUPPORTED_PARAMS,
    chat: (request, context) => geminiChat(request, context, resolveGeminiEndpoint(context)),
    streamChat: (request, context) => geminiStreamChat(request, context, resolveGeminiEndpoint(context)),
    embed,
    media: createGeminiMedia(async (context) => resolveGeminiEndpoint(context), { imageEdits: false }),
  };
}

async function embed(request: EmbeddingRequest, context: ProviderCallContext): Promise<EmbeddingResponse> {
  const endpoint = resolveGeminiEndpoint(context);
  const body = convertToGeminiEmbeddingRequest(request, geminiResourceName(context.model));
  const { response } = await sendGeminiRequest(endpoint, 'batchEmbedContents', body, context, false);
  const parsed = await readGeminiJson(response, geminiEmbeddingResponseSchema, endpoint, context, 'a batchEmbedContents response');
  // batchEmbedContents reports no token counts.
  return convertGeminiEmbeddingResponse(
    parsed.embeddings.map((item) => item.values),
    request,
    context.model,
    0,
  );
}
