// Where an AI Studio (Gemini Developer API) call goes and how it authenticates: the API key
// in `x-goog-api-key`, never in the query string, where proxies and access logs keep URLs.

import type { ProviderCallContext } from '../provider-adapter.js';
import { resolveApiBase, resolveApiKey } from '../resolve-api-key.js';
import type { GeminiEndpoint } from './send-gemini-request.js';

const GEMINI_DEFAULT_BASE = 'https://generativelanguage.googleapis.com';
const DEFAULT_API_VERSION = 'v1beta';
const API_KEY_ENV = ['GEMINI_API_KEY', 'GOOGLE_API_KEY'] as const;
const API_BASE_ENV = ['GEMINI_API_BASE'] as const;
const VERSION_SUFFIX = /\/v1(?:alpha|beta)?$/;

export function resolveGeminiEndpoint(context: ProviderCallContext): GeminiEndpoint {
  const apiKey = resolveApiKey(context, API_KEY_ENV, true) ?? '';
  const base = resolveApiBase(context, API_BASE_ENV, GEMINI_DEFAULT_BASE);
  // api_base may already end in its version, as both forms appear in configs.
  const versioned = VERSION_SUFFIX.test(base) ? base : `${base}/${context.apiVersion || DEFAULT_API_VERSION}`;
  return { modelUrl: `${versioned}/${geminiResourceName(context.model)}`, authHeaders: { 'x-goog-api-key': apiKey }, secrets: [apiKey] };
}

/** A tuned model is named by its full resource name (`tunedModels/…`); a plain id lives under models/. */
export function geminiResourceName(model: string): string {
  return model.startsWith('models/') || model.startsWith('tunedModels/') ? model : `models/${model}`;
}
