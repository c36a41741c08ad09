// Sends one call to an Ollama server through the shared undici pool. A local server needs
// no key; Ollama's cloud and authenticating proxies take `Authorization: Bearer <key>`.

import { createUpstreamErrorFactory } from '../../http/create-upstream-error.js';
import type { ProviderCallContext } from '../provider-adapter.js';
import { resolveApiBase, resolveApiKey } from '../resolve-api-key.js';
import { sendProviderRequest, type ProviderCall } from '../send-provider-request.js';
import { parseOllamaError } from './ollama-error.js';

const OLLAMA_DEFAULT_BASE = 'http://localhost:11434';
const API_BASE_ENV = ['OLLAMA_API_BASE'] as const;
const API_KEY_ENV = ['OLLAMA_API_KEY'] as const;
const createOllamaHttpError = createUpstreamErrorFactory(parseOllamaError);

export type OllamaPath = '/api/chat' | '/api/generate' | '/api/embed';

export type OllamaCall = ProviderCall;

export function sendOllamaRequest(path: OllamaPath, body: unknown, stream: boolean, context: ProviderCallContext): Promise<OllamaCall> {
  const apiKey = resolveApiKey(context, API_KEY_ENV, false);
  const secrets = [apiKey];
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    accept: stream ? 'application/x-ndjson' : 'application/json',
    ...context.extraHeaders,
  };
  // After extraHeaders, so that a stray header cannot replace the resolved credential.
  if (apiKey !== undefined) headers['authorization'] = `Bearer ${apiKey}`;
  const url = `${ollamaBase(context)}${path}`;
  return sendProviderRequest(context, 'POST', url, headers, JSON.stringify(body), createOllamaHttpError, secrets);
}

/** Accepts api_base with or without a trailing `/api`, as both forms appear in configs. */
function ollamaBase(context: ProviderCallContext): string {
  const base = resolveApiBase(context, API_BASE_ENV, OLLAMA_DEFAULT_BASE);
  return base.endsWith('/api') ? base.slice(0, -4) : base;
}
