// Sends one Messages API call through the shared undici pool: endpoint, auth and version
// headers, and non-2xx answers thrown as typed errors with the key redacted.

import { createUpstreamErrorFactory } from '../../http/create-upstream-error.js';
import type { ProviderCallContext } from '../provider-adapter.js';
import { resolveApiBase, resolveApiKey } from '../resolve-api-key.js';
import { sendProviderRequest, type ProviderCall, type ProviderSender } from '../send-provider-request.js';
import type { AnthropicRequestBody } from './anthropic-api.js';
import { parseAnthropicError } from './anthropic-error.js';

const ANTHROPIC_DEFAULT_BASE = 'https://api.anthropic.com';
const ANTHROPIC_VERSION = '2023-06-01';
const API_KEY_ENV = ['ANTHROPIC_API_KEY'] as const;
const API_BASE_ENV = ['ANTHROPIC_API_BASE', 'ANTHROPIC_BASE_URL'] as const;
const createAnthropicHttpError = createUpstreamErrorFactory(parseAnthropicError);

export type AnthropicCall = ProviderCall;

export function sendAnthropicRequest(body: AnthropicRequestBody, context: ProviderCallContext): Promise<AnthropicCall> {
  return sendAnthropicBody(JSON.stringify(body), body.stream === true, context, undefined, sendProviderRequest);
}

/**
 * Sends a body already serialised. `forwarded` are the client's own Anthropic headers
 * (`anthropic-beta`, `anthropic-version`) on a passthrough call; the deployment's
 * extra_headers outrank them, and nothing outranks the resolved credential. `send` reads the
 * reply as a stream or whole.
 */
export function sendAnthropicBody<Call>(
  text: string | Buffer,
  stream: boolean,
  context: ProviderCallContext,
  forwarded: Readonly<Record<string, string>> | undefined,
  send: ProviderSender<Call>,
): Promise<Call> {
  const apiKey = resolveApiKey(context, API_KEY_ENV, true);
  const secrets = [apiKey];
  const headers = {
    'content-type': 'application/json',
    'anthropic-version': ANTHROPIC_VERSION,
    ...(stream ? { accept: 'text/event-stream' } : {}),
    ...forwarded,
    ...context.extraHeaders,
    // Last, so that a stray header cannot replace the resolved credential.
    'x-api-key': apiKey ?? '',
  };
  const url = `${messagesBase(context)}/v1/messages`;
  return send(context, 'POST', url, headers, text, createAnthropicHttpError, secrets);
}

/** Accepts api_base with or without its `/v1` suffix, as both forms appear in configs. */
function messagesBase(context: ProviderCallContext): string {
  const base = resolveApiBase(context, API_BASE_ENV, ANTHROPIC_DEFAULT_BASE);
  return base.endsWith('/v1') ? base.slice(0, -3) : base;
}
