// Where a watsonx.ai call goes and how it authenticates, from the call's settings first,
// then the environment variables LiteLLM reads (litellm/llms/watsonx/common_utils.py).
// A missing piece is a clear error naming the setting and the variables.

import { AuthenticationError, BadRequestError } from '../../errors/error-classes.js';
import type { ProviderCallContext } from '../provider-adapter.js';

/** The API version every call names in its query; LiteLLM's default. */
const DEFAULT_WATSONX_API_VERSION = '2024-03-13';
const DEFAULT_IAM_URL = 'https://iam.cloud.ibm.com/identity/token';

export const WATSONX_ENV = {
  url: ['WATSONX_API_BASE', 'WATSONX_URL', 'WX_URL', 'WML_URL'],
  apiKey: ['WATSONX_APIKEY', 'WATSONX_API_KEY', 'WX_API_KEY'],
  token: ['WATSONX_TOKEN'],
  zenApiKey: ['WATSONX_ZENAPIKEY'],
  project: ['WATSONX_PROJECT_ID', 'WX_PROJECT_ID', 'PROJECT_ID'],
  space: ['WATSONX_DEPLOYMENT_SPACE_ID', 'WATSONX_SPACE_ID', 'WX_SPACE_ID', 'SPACE_ID'],
  iamUrl: ['WATSONX_IAM_URL'],
} as const;

/** How the call authenticates: a ready bearer token, a Cloud Pak ZenApiKey, or an IBM Cloud API key exchanged at IAM. */
export type WatsonxCredential = { kind: 'token'; token: string } | { kind: 'zen'; apiKey: string } | { kind: 'iam'; apiKey: string; iamUrl: string };

export interface WatsonxSettings {
  /** The regional watsonx.ai URL, e.g. https://us-south.ml.cloud.ibm.com, without a trailing slash. */
  url: string;
  version: string;
  /** `project_id` or `space_id` in the body; absent for deployments, which imply their space. */
  scope: { project_id: string } | { space_id: string } | undefined;
  credential: WatsonxCredential;
}

export function resolveWatsonxSettings(context: ProviderCallContext, deployment: boolean): WatsonxSettings {
  const url = first(context.apiBase, WATSONX_ENV.url);
  if (url === undefined) {
    throw new BadRequestError(`missing watsonx.ai URL for provider "${context.provider}": pass api_base or set ${WATSONX_ENV.url.join(' or ')}`, {
      provider: context.provider,
      model: context.model,
      param: 'api_base',
    });
  }
  const project = first(setting(context, 'project_id') ?? setting(context, 'watsonx_project'), WATSONX_ENV.project);
  const space = first(setting(context, 'space_id'), WATSONX_ENV.space);
  if (!deployment && project === undefined && space === undefined) {
    throw new BadRequestError(
      `missing watsonx.ai project for provider "${context.provider}": pass project_id or space_id, or set ${[...WATSONX_ENV.project, ...WATSONX_ENV.space].join(' or ')}`,
      { provider: context.provider, model: context.model, param: 'project_id' },
    );
  }
  const scope = deployment ? undefined : project !== undefined ? { project_id: project } : { space_id: space ?? '' };
  return { url: url.replace(/\/+$/, ''), version: context.apiVersion || DEFAULT_WATSONX_API_VERSION, scope, credential: resolveCredential(context) };
}

function resolveCredential(context: ProviderCallContext): WatsonxCredential {
  const token = first(setting(context, 'token'), WATSONX_ENV.token);
  if (token !== undefined) return { kind: 'token', token };
  const apiKey = first(context.apiKey, WATSONX_ENV.apiKey);
  if (apiKey !== undefined) return { kind: 'iam', apiKey, iamUrl: first(undefined, WATSONX_ENV.iamUrl) ?? DEFAULT_IAM_URL };
  const zen = first(setting(context, 'zen_api_key'), WATSONX_ENV.zenApiKey);
  if (zen !== undefined) return { kind: 'zen', apiKey: zen };
  throw new AuthenticationError(
    `missing credentials for provider "${context.provider}": pass api_key (an IBM Cloud API key) or token, or set ${[...WATSONX_ENV.apiKey, ...WATSONX_ENV.token, ...WATSONX_ENV.zenApiKey].join(' or ')}`,
    { provider: context.provider, model: context.model, code: 'missing_api_key' },
  );
}

function setting(context: ProviderCallContext, name: string): string | undefined {
  const value = context.settings[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function first(given: string | undefined, envNames: readonly string[]): string | undefined {
  if (given !== undefined && given !== '') return given;
  for (const name of envNames) {
    const value = process.env[name];
    if (value !== undefined && value !== '') return value;
  }
  return undefined;
}
