// Every provider id a registry serves, as rows for `llmux --list-providers` and the README's
// provider table: its kind, the variables it reads, its default address, and the operations
// its adapter implements (read from the adapter itself, so the list cannot claim more).

import { OPENAI_COMPATIBLE_PROVIDERS } from './openai-compatible/openai-compatible-providers.js';
import { RERANK_PROVIDERS } from './rerank/rerank-providers.js';
import { NATIVE_PROVIDER_ENV } from './native-provider-env.js';
import type { ProviderAdapter } from './provider-adapter.js';
import type { ProviderRegistry } from './provider-registry.js';

export interface ProviderDescription {
  id: string;
  /** `openai-compatible`: a row of data over the generic adapter; `native`: its own converters. */
  kind: 'openai-compatible' | 'native';
  keyEnv: readonly string[];
  baseEnv: readonly string[];
  /** Undefined where only the caller knows the server (api_base required). */
  defaultBase: string | undefined;
  /** A row's key rule (see OpenAIProviderConfig.apiKey); undefined for native adapters, which decide per call. */
  apiKey: 'required' | 'optional' | 'required-for-default-base' | undefined;
  operations: string[];
}

/**
 * Adapter members → the operation names users know. Media operations follow, from the
 * adapter's `media` (declared per row for OpenAI-format providers); text completions are
 * bridged to chat everywhere, so they are not listed.
 */
const OPERATION_NAMES: ReadonlyArray<readonly [keyof ProviderAdapter, string]> = [
  ['chat', 'chat'],
  ['streamChat', 'stream'],
  ['embed', 'embeddings'],
  ['rerank', 'rerank'],
  ['listModels', 'models'],
  ['native', 'passthrough'],
];

const MEDIA_NAMES: Readonly<Record<string, string>> = { transcribe: 'transcriptions', speak: 'speech', generateImage: 'images', editImage: 'image edits' };

export function describeProviders(registry: ProviderRegistry): ProviderDescription[] {
  const rows = new Map([...OPENAI_COMPATIBLE_PROVIDERS, ...RERANK_PROVIDERS].map((row) => [row.id, row]));
  return registry.providerIds().map((id) => {
    const adapter = registry.get(id);
    const row = rows.get(id);
    const operations = operationsOf(adapter);
    if (row !== undefined) {
      return {
        id,
        kind: 'openai-compatible',
        keyEnv: row.apiKeyEnv,
        baseEnv: [...row.apiBaseEnv, ...(row.baseUrlVariables ?? []).flatMap((variable) => variable.env)],
        defaultBase: row.apiBase,
        apiKey: row.apiKey,
        operations,
      };
    }
    const env = NATIVE_PROVIDER_ENV[id];
    return { id, kind: 'native', keyEnv: env?.key ?? [], baseEnv: env?.base ?? [], defaultBase: undefined, apiKey: undefined, operations };
  });
}

function operationsOf(adapter: ProviderAdapter): string[] {
  const operations = OPERATION_NAMES.filter(([member]) => adapter[member] !== undefined).map(([, name]) => name);
  const media = Object.keys(adapter.media ?? {}).map((member) => MEDIA_NAMES[member] ?? member);
  // An adapter that honours no chat parameter refuses chat (refuse-chat.ts): it serves only
  // its media operations.
  if (adapter.supportedParams.size > 0) return [...operations, ...media];
  return [...operations.filter((name) => name !== 'chat' && name !== 'stream'), ...media];
}
