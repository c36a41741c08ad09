// The common shape of an OpenAI-compatible row: a vendor's fixed URL and a required key,
// chat only, with anything else declared in `more`.

import type { OpenAIProviderConfig } from '../openai/openai-provider-config.js';

export function createKeyedRow(
  id: string,
  apiBase: string,
  apiKeyEnv: readonly string[],
  apiBaseEnv: readonly string[],
  source: string,
  more: Partial<OpenAIProviderConfig> = {},
): OpenAIProviderConfig {
  return { id, apiBase, apiKeyEnv, apiBaseEnv, apiKey: 'required', embeddings: false, source, ...more };
}
