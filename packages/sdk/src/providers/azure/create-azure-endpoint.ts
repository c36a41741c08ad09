// The Azure row's endpoint resolver for the generic OpenAI adapter: the deployment or v1 URL,
// and the credential as Azure wants it (`api-key`, or an Entra ID bearer token).

import { getEntraToken, type EntraClientCredentials, type EntraTokenCache } from '../azure-ad/index.js';
import type { OpenAIEndpoint, OpenAIEndpointResolver } from '../openai/index.js';
import type { ProviderCallContext } from '../provider-adapter.js';
import { resolveAzureCredential } from './resolve-azure-credential.js';
import { resolveAzureUrl } from './resolve-azure-url.js';

/** A token fetched for one call, remembered so a 401 can evict exactly that token. */
export interface FetchedToken {
  credentials: EntraClientCredentials;
  token: string;
}

export function createAzureEndpoint(tokenCache: EntraTokenCache, fetched: WeakMap<ProviderCallContext, FetchedToken>): OpenAIEndpointResolver {
  return async (path, context): Promise<OpenAIEndpoint> => {
    // The URL first: a call missing its endpoint should not cost a token request.
    const url = resolveAzureUrl(path, context);
    const credential = resolveAzureCredential(context);
    switch (credential.kind) {
      case 'api-key':
        return { url, headers: { 'api-key': credential.apiKey }, secrets: [credential.apiKey] };
      case 'token':
        return { url, headers: { authorization: `Bearer ${credential.token}` }, secrets: [credential.token] };
      case 'client-credentials': {
        const token = await getEntraToken(credential.credentials, context, tokenCache);
        fetched.set(context, { credentials: credential.credentials, token });
        return { url, headers: { authorization: `Bearer ${token}` }, secrets: [token, credential.credentials.clientSecret] };
      }
      default: {
        const exhaustive: never = credential;
        throw new Error(`unknown Azure credential ${String(exhaustive)}`);
      }
    }
  };
}
