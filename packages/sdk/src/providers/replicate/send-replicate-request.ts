// One call to the Replicate API: the base URL and token from the call or the environment
// (LiteLLM's REPLICATE_API_KEY / REPLICATE_API_TOKEN, REPLICATE_API_BASE), the shared send,
// and Replicate's problem details as typed errors with the token redacted.

import { createUpstreamErrorFactory } from '../../http/create-upstream-error.js';
import type { ProviderCallContext } from '../provider-adapter.js';
import { resolveApiBase, resolveApiKey } from '../resolve-api-key.js';
import { sendProviderRequest, type ProviderCall } from '../send-provider-request.js';
import { parseReplicateError } from './replicate-error.js';

export const REPLICATE_ENV = { key: ['REPLICATE_API_KEY', 'REPLICATE_API_TOKEN'], base: ['REPLICATE_API_BASE'] } as const;
const DEFAULT_BASE = 'https://api.replicate.com/v1';
const createReplicateError = createUpstreamErrorFactory(parseReplicateError);

export interface ReplicateTarget {
  /** A path under the base (`/models/o/n/predictions`) or an absolute URL Replicate gave (urls.get, urls.stream). */
  path: string;
  method: 'GET' | 'POST';
  body?: string;
  headers?: Record<string, string>;
}

export async function sendReplicateRequest(target: ReplicateTarget, context: ProviderCallContext): Promise<ProviderCall> {
  const apiKey = resolveApiKey(context, REPLICATE_ENV.key, true);
  const url = /^https?:\/\//.test(target.path) ? target.path : resolveApiBase(context, REPLICATE_ENV.base, DEFAULT_BASE) + target.path;
  const headers: Record<string, string> = {
    ...(target.body === undefined ? {} : { 'content-type': 'application/json' }),
    ...target.headers,
    ...context.extraHeaders,
    authorization: `Bearer ${apiKey}`,
  };
  return sendProviderRequest(context, target.method, url, headers, target.body, createReplicateError, [apiKey]);
}
