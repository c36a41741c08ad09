// The providers llmux ships with. OpenAI-compatible ones are rows of data; the others are
// folders with their own converters.

import { createAnthropicProvider } from './anthropic/index.js';
import { createAzureProvider } from './azure/index.js';
import { createBedrockProvider } from './bedrock/index.js';
import { createCohereProvider } from './cohere/index.js';
import { createDeepgramProvider } from './deepgram/index.js';
import { createElevenLabsProvider } from './elevenlabs/index.js';
import { createGeminiProvider } from './gemini/index.js';
import { createOllamaProviders } from './ollama/index.js';
import { createOpenAICompatibleProviders } from './openai-compatible/create-openai-compatible-providers.js';
import { createSageMakerProviders } from './sagemaker/index.js';
import { createOpenAIAdapter } from './openai/index.js';
import type { ProviderAdapter } from './provider-adapter.js';
import { RERANK_PROVIDERS } from './rerank/rerank-providers.js';
import { createReplicateProvider } from './replicate/index.js';
import { createVertexAIProvider } from './vertex-ai/index.js';
import { createWatsonxProviders } from './watsonx/index.js';

export function createBuiltinProviders(): ProviderAdapter[] {
  const cohere = createCohereProvider();
  // LiteLLM's `cohere_chat/` is the same v2 chat API as `cohere/`.
  const cohereChat: ProviderAdapter = { ...cohere, id: 'cohere_chat' };
  return [
    ...createOpenAICompatibleProviders(),
    ...RERANK_PROVIDERS.map((config) => createOpenAIAdapter(config)),
    createAnthropicProvider(),
    createAzureProvider(),
    createBedrockProvider(),
    ...createSageMakerProviders(),
    ...createOllamaProviders(),
    cohere,
    cohereChat,
    createGeminiProvider(),
    createVertexAIProvider(),
    ...createWatsonxProviders(),
    createReplicateProvider(),
    createDeepgramProvider(),
    createElevenLabsProvider(),
  ];
}
