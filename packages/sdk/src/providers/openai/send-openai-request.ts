// Sends one call to an OpenAI-format provider through the shared undici pool: resolves the
// base URL and key from the row and the call (or asks the row's endpoint resolver), builds
// the headers directly, and throws non-2xx answers as typed errors with the key redacted.

import { BadRequestError } from '../../errors/error-classes.js';
import { createUpstreamError } from '../../http/create-upstream-error.js';
import type { HttpResponse } from '../../http/http-client.js';
import type { ProviderCallContext } from '../provider-adapter.js';
import { resolveApiBase, resolveApiKey } from '../resolve-api-key.js';
import { parseOpenAIError } from './openai-error.js';
import type { OpenAIEndpoint, OpenAIProviderConfig } from './openai-provider-config.js';

export interface OpenAICall {
  response: HttpResponse;
  /** Values to scrub from any error message built later (mid-stream errors). */
  secrets: ReadonlyArray<string | undefined>;
}

export interface OpenAIRequestSpec {
  /** Path after the base URL: `/chat/completions`, `/embeddings`, `/models`. */
  path: string;
  method: 'GET' | 'POST';
  body?: string;
  stream: boolean;
}

export async function sendOpenAIRequest(
  config: OpenAIProviderConfig,
  spec: OpenAIRequestSpec,
  context: ProviderCallContext,
): Promise<OpenAICall> {
  const endpoint =
    config.endpoint === undefined ? resolveDefaultEndpoint(config, spec.path, context) : await config.endpoint(spec.path, context);
  const secrets = endpoint.secrets;

  const headers: Record<string, string> = spec.body === undefined ? {} : { 'content-type': 'application/json' };
  if (spec.stream) headers['accept'] = 'text/event-stream';
  if (config.optionalHeaders !== undefined) addOptionalHeaders(headers, config, context);
  if (context.extraHeaders !== undefined) Object.assign(headers, context.extraHeaders);
  // After extraHeaders, so that a stray header cannot replace the resolved credential.
  Object.assign(headers, endpoint.headers);

  const response = await context.http.send({
    url: endpoint.url,
    method: spec.method,
    headers,
    body: spec.body,
    signal: context.signal,
    timeoutMs: context.timeoutMs,
    idleTimeoutMs: context.streamIdleTimeoutMs,
    provider: context.provider,
    model: context.model,
  });
  if (response.status < 200 || response.status >= 300) {
    throw await createUpstreamError(response, parseOpenAIError, { provider: context.provider, model: context.model, secrets });
  }
  return { response, secrets };
}

/** The row's base URL and key: `apiBase + path` with the key in its declared header. */
function resolveDefaultEndpoint(config: OpenAIProviderConfig, path: string, context: ProviderCallContext): OpenAIEndpoint {
  const base = resolveBase(config, context);
  const required = config.apiKey === 'required' || (config.apiKey === 'required-for-default-base' && base === config.apiBase);
  const apiKey = resolveApiKey(context, config.apiKeyEnv, required);
  const headers: Record<string, string> = {};
  if (apiKey !== undefined) {
    if (config.authHeader === undefined) headers['authorization'] = `Bearer ${apiKey}`;
    else headers[config.authHeader.name] = `${config.authHeader.prefix}${apiKey}`;
  }
  return { url: base + path, headers, secrets: [apiKey] };
}

function resolveBase(config: OpenAIProviderConfig, context: ProviderCallContext): string {
  const base = resolveApiBase(context, config.apiBaseEnv, config.apiBase ?? '');
  if (base !== '') return base;
  const where = config.apiBaseEnv.length > 0 ? `pass api_base or set ${config.apiBaseEnv.join(' or ')}` : 'pass api_base';
  throw new BadRequestError(`provider "${config.id}" has no default server: ${where}`, {
    provider: context.provider,
    model: context.model,
    param: 'api_base',
  });
}

function addOptionalHeaders(headers: Record<string, string>, config: OpenAIProviderConfig, context: ProviderCallContext): void {
  for (const optional of config.optionalHeaders ?? []) {
    const fromSetting = optional.setting === undefined ? undefined : context.settings[optional.setting];
    let value = typeof fromSetting === 'string' && fromSetting !== '' ? fromSetting : undefined;
    for (const name of optional.env ?? []) {
      if (value !== undefined) break;
      const fromEnv = process.env[name];
      if (fromEnv !== undefined && fromEnv !== '') value = fromEnv;
    }
    if (value !== undefined) headers[optional.header] = value;
  }
}
