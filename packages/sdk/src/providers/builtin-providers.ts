// The providers llmux ships with. OpenAI-compatible ones are rows of data; the others are
// folders with their own converters.

import { createAnthropicProvider } from './anthropic/index.js';
import { createOpenAICompatibleProviders } from './openai-compatible/create-openai-compatible-providers.js';
import type { ProviderAdapter } from './provider-adapter.js';

export function createBuiltinProviders(): ProviderAdapter[] {
  return [...createOpenAICompatibleProviders(), createAnthropicProvider()];
}
