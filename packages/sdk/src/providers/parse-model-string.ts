// `provider/model` strings, as in LiteLLM. A bare model name is mapped to its provider by
// well-known prefixes (data, not branches).

import { splitProviderModel } from './split-provider-model.js';

const BARE_MODEL_PREFIXES: ReadonlyArray<readonly [prefix: string, provider: string]> = [
  ['gpt-', 'openai'],
  ['chatgpt-', 'openai'],
  ['o1', 'openai'],
  ['o3', 'openai'],
  ['o4', 'openai'],
  ['text-embedding-', 'openai'],
  ['claude-', 'anthropic'],
  // LiteLLM sends bare gemini-* to Vertex; the API-key route (AI Studio) needs no project setup.
  ['gemini-', 'gemini'],
];

export interface ModelReference {
  provider: string;
  model: string;
}

export function parseModelString(model: string, knownProviders: ReadonlySet<string>): ModelReference | undefined {
  const split = splitProviderModel(model);
  if (split.provider !== '' && knownProviders.has(split.provider)) return split;
  for (const [prefix, provider] of BARE_MODEL_PREFIXES) {
    if (model.startsWith(prefix)) return { provider, model };
  }
  return undefined;
}
