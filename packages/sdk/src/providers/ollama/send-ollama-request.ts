// Sends one call to an Ollama server through the shared undici pool. A local server needs
// no key; Ollama's cloud and authenticating proxies take `Authorization: Bearer <key>`.

import { createUpstreamError } from '../../http/create-upstream-error.js';
import type { HttpResponse } from '../../http/http-client.js';
import type { ProviderCallContext } from '../provider-adapter.js';
import { resolveApiBase, resolveApiKey } from '../resolve-api-key.js';
import { parseOllamaError } from './ollama-error.js';

export const OLLAMA_DEFAULT_BASE = 'http://localhost:11434';
const API_BASE_ENV = ['OLLAMA_API_BASE'] as const;
const API_KEY_ENV = ['OLLAMA_API_KEY'] as const;

export type OllamaPath = '/api/chat' | '/api/generate' | '/api/embed';

export interface OllamaCall {
  response: HttpResponse;
  /** Values to scrub from any error message built later (mid-stream errors). */
  secrets: ReadonlyArray<string | undefined>;
}

export async function sendOllamaRequest(path: OllamaPath, body: unknown, stream: boolean, context: ProviderCallContext): Promise<OllamaCall> {
  const apiKey = resolveApiKey(context, API_KEY_ENV, false);
  const secrets = [apiKey];
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    accept: stream ? 'application/x-ndjson' : 'application/json',
    ...context.extraHeaders,
  };
  // After extraHeaders, so that a stray header cannot replace the resolved credential.
  if (apiKey !== undefined) headers['authorization'] = `Bearer ${apiKey}`;
  const response = await context.http.send({
    url: `${ollamaBase(context)}${path}`,
    method: 'POST',
    headers,
    body: JSON.stringify(body),
    signal: context.signal,
    timeoutMs: context.timeoutMs,
    idleTimeoutMs: context.streamIdleTimeoutMs,
    provider: context.provider,
    model: context.model,
  });
  if (response.status < 200 || response.status >= 300) {
    throw await createUpstreamError(response, parseOllamaError, { provider: context.provider, model: context.model, secrets });
  }
  return { response, secrets };
}

/** Accepts api_base with or without a trailing `/api`, as both forms appear in configs. */
function ollamaBase(context: ProviderCallContext): string {
  const base = resolveApiBase(context, API_BASE_ENV, OLLAMA_DEFAULT_BASE);
  return base.endsWith('/api') ? base.slice(0, -4) : base;
}
