// Where an Azure OpenAI call goes. The deployment API puts the deployment in the path and
// requires a dated `api-version`; the v1 API (`api_version: "v1"` or `"preview"`) is
// OpenAI's own path under `/openai/v1`, with the deployment as the body's `model`.

import { BadRequestError } from '../../errors/error-classes.js';
import type { ProviderCallContext } from '../provider-adapter.js';
import { firstSetting } from './read-azure-setting.js';

export const AZURE_API_BASE_ENV = ['AZURE_API_BASE', 'AZURE_OPENAI_ENDPOINT'] as const;
const AZURE_API_VERSION_ENV = ['AZURE_API_VERSION', 'OPENAI_API_VERSION'] as const;
/**
 * The newest GA dated version of the inference API (the spec's `stable/2024-10-21`):
 * tools, json_schema, stream_options and embeddings `dimensions` all work with it.
 */
export const DEFAULT_AZURE_API_VERSION = '2024-10-21';
/** The first dated version with the Responses API, which Azure serves outside the deployment path. */
const DEFAULT_AZURE_RESPONSES_API_VERSION = '2025-04-01-preview';

/** Paths served at the resource, outside any deployment. */
const RESOURCE_PATHS = /^\/(files|batches)(\/|$)/;

/** Versions that select the v1 API; `preview` opts into its preview features. */
const V1_QUERY: Readonly<Record<string, string>> = { v1: '', preview: '?api-version=preview' };

type UrlContext = Pick<ProviderCallContext, 'apiBase' | 'apiVersion' | 'provider' | 'model'>;

/** `path` is OpenAI's: `/chat/completions`, `/embeddings` or `/responses`. */
export function resolveAzureUrl(path: string, context: UrlContext): string {
  const { root, v1 } = splitApiBase(resolveApiBaseOrThrow(context));
  const responses = path === '/responses';
  const fallback = responses ? DEFAULT_AZURE_RESPONSES_API_VERSION : DEFAULT_AZURE_API_VERSION;
  const version = firstSetting(context.apiVersion, AZURE_API_VERSION_ENV) ?? (v1 ? 'v1' : fallback);
  const v1Query = V1_QUERY[version];
  if (v1Query !== undefined) return `${root}/openai/v1${path}${v1Query}`;
  // The dated Responses API names the deployment in the body's `model`, not in the path.
  if (responses) return `${root}/openai/responses?api-version=${encodeURIComponent(version)}`;
  // Files and batches belong to the resource; a batch line's `model` names the deployment.
  if (RESOURCE_PATHS.test(path)) return `${root}/openai${path}?api-version=${encodeURIComponent(version)}`;
  const deployment = encodeURIComponent(context.model);
  return `${root}/openai/deployments/${deployment}${path}?api-version=${encodeURIComponent(version)}`;
}

function resolveApiBaseOrThrow(context: UrlContext): string {
  const base = firstSetting(context.apiBase, AZURE_API_BASE_ENV);
  if (base !== undefined) return base;
  throw new BadRequestError(`azure needs the resource endpoint: pass api_base (https://<resource>.openai.azure.com) or set ${AZURE_API_BASE_ENV.join(' or ')}`, {
    provider: context.provider,
    model: context.model,
    param: 'api_base',
    code: 'missing_api_base',
  });
}

/**
 * Accepts the endpoint as Azure's portal shows it (`https://r.openai.azure.com/`) and the
 * forms other clients are configured with (`.../openai`, `.../openai/v1/`); the last one
 * means the v1 API unless an api_version says otherwise.
 */
function splitApiBase(base: string): { root: string; v1: boolean } {
  const trimmed = base.replace(/\/+$/, '');
  if (trimmed.endsWith('/openai/v1')) return { root: trimmed.slice(0, -'/openai/v1'.length), v1: true };
  if (trimmed.endsWith('/openai')) return { root: trimmed.slice(0, -'/openai'.length), v1: false };
  return { root: trimmed, v1: false };
}
