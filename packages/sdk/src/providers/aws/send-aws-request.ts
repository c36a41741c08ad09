// Sends one call to an AWS runtime service through the shared undici pool: resolves the
// credentials, region and endpoint, authenticates through the decorator around
// `context.http.send`, and throws non-2xx answers as typed errors with secrets redacted.

import type { UpstreamErrorFactory } from '../../http/create-upstream-error.js';
import type { ProviderCallContext } from '../provider-adapter.js';
import { sendProviderRequest, type ProviderCall } from '../send-provider-request.js';
import { createAwsHttpError } from './aws-error.js';
import type { AwsServiceConfig } from './aws-service.js';
import { createAwsSend } from './create-aws-send.js';
import { requireAwsRegion, resolveAwsAuth, resolveAwsRegion } from './resolve-aws-auth.js';

export interface AwsRequestSpec {
  /** Path after the endpoint, already URL-encoded: `/model/<id>/converse`. */
  path: string;
  /** The path when an endpoint override is in use (S3 then addresses the bucket in the path). */
  overriddenPath?: string;
  /** POST unless said (the control plane's GETs, S3's PUT, GET and DELETE). */
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Undefined for a call without a body (a GET). */
  body: string | Buffer | undefined;
  /** `Accept` header; AWS answers JSON unless asked otherwise. */
  accept?: string;
  /** Service headers (`x-amzn-sagemaker-*`, ...), sent and signed before extraHeaders. */
  headers?: Record<string, string>;
}

export type AwsCall = ProviderCall;

/** One error factory per service row, built on first use, so no call allocates one. */
const httpErrorFactories = new WeakMap<AwsServiceConfig, UpstreamErrorFactory>();

export function sendAwsRequest(service: AwsServiceConfig, spec: AwsRequestSpec, context: ProviderCallContext): Promise<AwsCall> {
  const auth = resolveAwsAuth(service, context);
  const endpoint = resolveEndpoint(service, context);
  // A bearer token needs no region when the endpoint is given; signing always does.
  const region = auth.kind === 'sigv4' || endpoint === undefined ? requireAwsRegion(context) : resolveAwsRegion(context);
  const secrets = auth.kind === 'bearer' ? [auth.token] : [auth.credentials.secretAccessKey, auth.credentials.sessionToken];
  const send = createAwsSend((request) => context.http.send(request), auth, { service: service.signingName, region, s3: service.s3Signing === true });

  const url = endpoint === undefined ? service.defaultEndpoint(region ?? '') + spec.path : endpoint + (spec.overriddenPath ?? spec.path);
  const headers: Record<string, string> = { accept: spec.accept ?? 'application/json', ...spec.headers, ...context.extraHeaders };
  if (spec.body !== undefined && headers['content-type'] === undefined) headers['content-type'] = 'application/json';
  return sendProviderRequest(context, spec.method ?? 'POST', url, headers, spec.body, httpErrorFactory(service), secrets, send);
}

function httpErrorFactory(service: AwsServiceConfig): UpstreamErrorFactory {
  let factory = httpErrorFactories.get(service);
  if (factory === undefined) {
    const table = service.errors;
    factory = (response, context) => createAwsHttpError(response, table, context);
    httpErrorFactories.set(service, factory);
  }
  return factory;
}

/** The first endpoint override found: service settings, `api_base`, then the environment. */
function resolveEndpoint(service: AwsServiceConfig, context: ProviderCallContext): string | undefined {
  for (const name of service.endpointSettings) {
    const value = context.settings[name];
    if (typeof value === 'string' && value !== '') return stripTrailingSlash(value);
  }
  if (service.ignoresApiBase !== true && context.apiBase !== undefined && context.apiBase !== '') return stripTrailingSlash(context.apiBase);
  for (const name of service.endpointEnv) {
    const value = process.env[name];
    if (value !== undefined && value !== '') return stripTrailingSlash(value);
  }
  return undefined;
}

function stripTrailingSlash(url: string): string {
  return url.endsWith('/') ? url.slice(0, -1) : url;
}
