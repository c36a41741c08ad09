// Sends one call to an OpenAI-format provider through the shared undici pool: resolves the
// base URL and key from the row and the call (or asks the row's endpoint resolver), builds
// the headers directly, and throws non-2xx answers as typed errors with the key redacted.

import { BadRequestError } from '../../errors/error-classes.js';
import { createUpstreamErrorFactory } from '../../http/create-upstream-error.js';
import type { MultipartBody } from '../../http/encode-multipart.js';
import type { ProviderCallContext } from '../provider-adapter.js';
import { resolveApiBase, resolveApiKey } from '../resolve-api-key.js';
import { sendProviderRequest, sendProviderRequestWhole, type ProviderCall, type ProviderSender, type WholeProviderCall } from '../send-provider-request.js';
import { fillBaseUrlVariables } from './fill-base-url-variables.js';
import { parseOpenAIError } from './openai-error.js';
import type { OpenAIEndpoint, OpenAIEndpointResolver, OpenAIProviderConfig } from './openai-provider-config.js';

const createOpenAIHttpError = createUpstreamErrorFactory(parseOpenAIError);

export type OpenAICall = ProviderCall;

export interface OpenAIRequestSpec {
  /** Path after the base URL: `/chat/completions`, `/embeddings`, `/models`. */
  path: string;
  method: 'GET' | 'POST' | 'DELETE';
  body?: string | Buffer;
  /** A form upload (images/edits, audio/transcriptions) instead of a JSON body. */
  multipart?: MultipartBody;
  stream: boolean;
}

export function sendOpenAIRequest(config: OpenAIProviderConfig, spec: OpenAIRequestSpec, context: ProviderCallContext): Promise<OpenAICall> {
  return sendVia(config, spec, context, sendProviderRequest);
}

/** sendOpenAIRequest for a reply wanted whole (a complete JSON answer): its body arrives as one Buffer. */
export function sendOpenAIRequestWhole(config: OpenAIProviderConfig, spec: OpenAIRequestSpec, context: ProviderCallContext): Promise<WholeProviderCall> {
  return sendVia(config, spec, context, sendProviderRequestWhole);
}

function sendVia<Call>(config: OpenAIProviderConfig, spec: OpenAIRequestSpec, context: ProviderCallContext, send: ProviderSender<Call>): Promise<Call> {
  // Not async on the common path, so that the shared send's promise is the call's only one.
  if (config.endpoint === undefined) return sendToEndpoint(config, spec, resolveDefaultEndpoint(config, spec.path, context), context, send);
  return sendViaEndpointResolver(config, config.endpoint, spec, context, send);
}

async function sendViaEndpointResolver<Call>(
  config: OpenAIProviderConfig,
  resolve: OpenAIEndpointResolver,
  spec: OpenAIRequestSpec,
  context: ProviderCallContext,
  send: ProviderSender<Call>,
): Promise<Call> {
  return sendToEndpoint(config, spec, await resolve(spec.path, context), context, send);
}

function sendToEndpoint<Call>(
  config: OpenAIProviderConfig,
  spec: OpenAIRequestSpec,
  endpoint: OpenAIEndpoint,
  context: ProviderCallContext,
  send: ProviderSender<Call>,
): Promise<Call> {
  const headers: Record<string, string> = spec.body === undefined ? {} : { 'content-type': 'application/json' };
  const multipart = spec.multipart;
  if (multipart !== undefined) {
    headers['content-type'] = multipart.contentType;
    headers['content-length'] = String(multipart.length);
  }
  if (spec.stream) headers['accept'] = 'text/event-stream';
  if (config.optionalHeaders !== undefined) addOptionalHeaders(headers, config, context);
  if (context.extraHeaders !== undefined) Object.assign(headers, context.extraHeaders);
  // After extraHeaders, so that a stray header cannot replace the resolved credential.
  Object.assign(headers, endpoint.headers);

  return send(context, spec.method, endpoint.url, headers, multipart === undefined ? spec.body : multipart.open(), createOpenAIHttpError, endpoint.secrets);
}

/** The row's base URL and key: `apiBase + path` with the key in its declared header. */
function resolveDefaultEndpoint(config: OpenAIProviderConfig, path: string, context: ProviderCallContext): OpenAIEndpoint {
  const declared = resolveBase(config, context);
  const required = config.apiKey === 'required' || (config.apiKey === 'required-for-default-base' && declared === config.apiBase);
  const base = config.baseUrlVariables === undefined ? declared : fillBaseUrlVariables(declared, config.baseUrlVariables, context);
  const apiKey = resolveApiKey(context, config.apiKeyEnv, required);
  const headers: Record<string, string> = {};
  if (apiKey !== undefined) {
    if (config.authHeader === undefined) headers['authorization'] = `Bearer ${apiKey}`;
    else headers[config.authHeader.name] = `${config.authHeader.prefix}${apiKey}`;
  }
  if (config.fixedHeaders !== undefined) Object.assign(headers, config.fixedHeaders);
  return { url: base + path + versionQuery(config, context), headers, secrets: [apiKey] };
}

function versionQuery(config: OpenAIProviderConfig, context: ProviderCallContext): string {
  if (config.apiVersionQuery === undefined || context.apiVersion === undefined || context.apiVersion === '') return '';
  return `?${encodeURIComponent(config.apiVersionQuery)}=${encodeURIComponent(context.apiVersion)}`;
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
