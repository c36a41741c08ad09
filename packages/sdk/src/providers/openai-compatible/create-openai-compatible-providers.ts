// One adapter per row of the OpenAI-compatible table, all built by the same generic factory.

import { createOpenAIAdapter } from '../openai/index.js';
import type { ProviderAdapter } from '../provider-adapter.js';
import { OPENAI_COMPATIBLE_PROVIDERS } from './openai-compatible-providers.js';

export function createOpenAICompatibleProviders(): ProviderAdapter[] {
  return OPENAI_COMPATIBLE_PROVIDERS.map((config) => createOpenAIAdapter(config));
}
