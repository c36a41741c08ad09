// Partner models as a service on Vertex AI (Llama, DeepSeek, Qwen, gpt-oss, ...), named
// `vertex_ai/<publisher>/<model>` as LiteLLM does: the generic OpenAI adapter over Vertex's
// OpenAI-compatible endpoint `.../locations/{l}/endpoints/openapi/chat/completions`, the
// model named in the body, with the same Google OAuth token as every Vertex call.

import { createOpenAIAdapter, type OpenAIEndpoint } from '../openai/index.js';
import { credentialSecrets, getGoogleAccessToken } from '../google-auth/index.js';
import type { ProviderAdapter, ProviderCallContext } from '../provider-adapter.js';
import { vertexBase } from './resolve-vertex-endpoint.js';
import { resolveVertexSettings, type VertexSettings } from './resolve-vertex-settings.js';
import { withTokenRetirement } from './vertex-publisher.js';

/** `publisher/model`: the MaaS naming; Gemini and Claude ids carry no slash. */
export function isPartnerModel(model: string): boolean {
  return model.includes('/');
}

/** The settings each call resolved once, read again by its endpoint resolver. */
const resolved = new WeakMap<ProviderCallContext, VertexSettings>();

async function resolvePartnerEndpoint(path: string, context: ProviderCallContext): Promise<OpenAIEndpoint> {
  const settings = resolved.get(context) ?? (await resolveVertexSettings(context));
  const token = await getGoogleAccessToken(settings.credentials, context);
  const url = `${vertexBase(context, settings.location)}/projects/${settings.project}/locations/${settings.location}/endpoints/openapi${path}`;
  return { url, headers: { authorization: `Bearer ${token}` }, secrets: [token, ...credentialSecrets(settings.credentials)] };
}

export function createVertexPartnerChat(): Pick<ProviderAdapter, 'supportedParams' | 'chat' | 'streamChat'> {
  const inner = createOpenAIAdapter({
    id: 'vertex_ai',
    apiBase: undefined,
    apiKeyEnv: [],
    apiBaseEnv: [],
    apiKey: 'optional',
    embeddings: false,
    // Vertex's OpenAI-compatible endpoint takes OpenAI's parameters less these, per its reference.
    unsupportedParams: ['logit_bias', 'service_tier', 'metadata', 'parallel_tool_calls', 'reasoning_effort'],
    endpoint: resolvePartnerEndpoint,
    source: 'litellm/llms/vertex_ai/vertex_ai_partner_models/main.py',
  });
  // A token Vertex refused is retired, as for Gemini and Claude on Vertex.
  const retiring = async <Result>(context: ProviderCallContext, run: () => Promise<Result>): Promise<Result> => {
    const settings = await resolveVertexSettings(context);
    resolved.set(context, settings);
    return withTokenRetirement(settings, run);
  };
  return {
    supportedParams: inner.supportedParams,
    chat: (request, context) => retiring(context, () => inner.chat(request, context)),
    streamChat: (request, context) => retiring(context, () => inner.streamChat(request, context)),
  };
}
