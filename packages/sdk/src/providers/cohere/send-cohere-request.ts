// Sends one call to Cohere's v2 API through the shared undici pool: endpoint, bearer key,
// and non-2xx answers thrown as typed errors with the key redacted.

import { createUpstreamErrorFactory } from '../../http/create-upstream-error.js';
import type { ProviderCallContext } from '../provider-adapter.js';
import { resolveApiBase, resolveApiKey } from '../resolve-api-key.js';
import { sendProviderRequest, type ProviderCall } from '../send-provider-request.js';
import { parseCohereError } from './cohere-error.js';

const COHERE_DEFAULT_BASE = 'https://api.cohere.com';
const API_KEY_ENV = ['COHERE_API_KEY', 'CO_API_KEY'] as const;
const API_BASE_ENV = ['COHERE_API_BASE'] as const;
/** Suffixes configs copied from LiteLLM or Cohere's docs carry; the paths are added here. */
const BASE_SUFFIXES = ['/v2/chat', '/v1/chat', '/v2', '/v1'] as const;
const createCohereHttpError = createUpstreamErrorFactory(parseCohereError);

export type CoherePath = '/v2/chat' | '/v2/embed' | '/v2/rerank';

export type CohereCall = ProviderCall;

export function sendCohereRequest(path: CoherePath, body: unknown, stream: boolean, context: ProviderCallContext): Promise<CohereCall> {
  const apiKey = resolveApiKey(context, API_KEY_ENV, true);
  const secrets = [apiKey];
  const headers = {
    'content-type': 'application/json',
    accept: stream ? 'text/event-stream' : 'application/json',
    ...context.extraHeaders,
    // After extraHeaders, so that a stray header cannot replace the resolved credential.
    authorization: `Bearer ${apiKey ?? ''}`,
  };
  const url = `${cohereBase(context)}${path}`;
  return sendProviderRequest(context, 'POST', url, headers, JSON.stringify(body), createCohereHttpError, secrets);
}

function cohereBase(context: ProviderCallContext): string {
  const base = resolveApiBase(context, API_BASE_ENV, COHERE_DEFAULT_BASE);
  const suffix = BASE_SUFFIXES.find((candidate) => base.endsWith(candidate));
  return suffix === undefined ? base : base.slice(0, -suffix.length);
}
