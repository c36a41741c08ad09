// The URL and bearer token of one Vertex AI model: `{host}/v1/projects/{p}/locations/{l}/
// publishers/{publisher}/models/{model}`, with the regional host derived from the location
// unless api_base names another.

import { credentialSecrets, getGoogleAccessToken } from '../google-auth/index.js';
import type { GeminiEndpoint } from '../gemini/index.js';
import type { ProviderCallContext } from '../provider-adapter.js';
import type { VertexSettings } from './resolve-vertex-settings.js';

export type VertexPublisher = 'google' | 'anthropic';

const DEFAULT_API_VERSION = 'v1';
const VERSION_SUFFIX = /\/v1(?:beta1)?$/;

export async function resolveVertexEndpoint(context: ProviderCallContext, settings: VertexSettings, publisher: VertexPublisher): Promise<GeminiEndpoint> {
  const token = await getGoogleAccessToken(settings.credentials, context);
  const base = vertexBase(context, settings.location);
  const modelUrl = `${base}/projects/${settings.project}/locations/${settings.location}/publishers/${publisher}/models/${context.model}`;
  const authHeaders: Record<string, string> = { authorization: `Bearer ${token}` };
  // User credentials bill the quota project they name, as gcloud does.
  if (settings.credentials.type === 'authorized_user' && settings.credentials.quota_project_id) {
    authHeaders['x-goog-user-project'] = settings.credentials.quota_project_id;
  }
  return { modelUrl, authHeaders, secrets: [token, ...credentialSecrets(settings.credentials)] };
}

/** `global` has no regional host; `us` and `eu` are multi-region endpoints. */
export function vertexHost(location: string): string {
  if (location === 'global') return 'https://aiplatform.googleapis.com';
  if (location === 'us' || location === 'eu') return `https://aiplatform.${location}.rep.googleapis.com`;
  return `https://${location}-aiplatform.googleapis.com`;
}

/** `{host}/v1`: the regional host, or api_base when given, with the API version. */
export function vertexBase(context: ProviderCallContext, location: string): string {
  const configured = context.apiBase !== undefined && context.apiBase !== '' ? context.apiBase.replace(/\/+$/, '') : undefined;
  const host = configured ?? vertexHost(location);
  return VERSION_SUFFIX.test(host) ? host : `${host}/${context.apiVersion || DEFAULT_API_VERSION}`;
}
