// Which credential an Azure call uses. Whatever the call (or its deployment's
// litellm_params) names beats the environment, so a gateway host's AZURE_API_KEY never
// overrides a deployment configured for Entra ID. Within each level: an API key, then a
// ready Entra ID token, then client credentials exchanged for one.

import { AuthenticationError } from '../../errors/error-classes.js';
import type { EntraClientCredentials } from '../azure-ad/index.js';
import type { ProviderCallContext } from '../provider-adapter.js';
import { firstSetting } from './read-azure-setting.js';

export type AzureCredential = { kind: 'api-key'; apiKey: string } | { kind: 'token'; token: string } | { kind: 'client-credentials'; credentials: EntraClientCredentials };

export const AZURE_API_KEY_ENV = ['AZURE_API_KEY', 'AZURE_OPENAI_API_KEY'] as const;
const AD_TOKEN_ENV = ['AZURE_AD_TOKEN'] as const;
const AUTHORITY_HOST_ENV = ['AZURE_AUTHORITY_HOST'] as const;
/** Each client-credential setting and its environment variable. */
const CLIENT_FIELDS = [
  ['tenant_id', 'AZURE_TENANT_ID'],
  ['client_id', 'AZURE_CLIENT_ID'],
  ['client_secret', 'AZURE_CLIENT_SECRET'],
] as const;

type CredentialContext = Pick<ProviderCallContext, 'apiKey' | 'settings' | 'provider' | 'model'>;

export function resolveAzureCredential(context: CredentialContext): AzureCredential {
  const settings = context.settings;
  const apiKey = firstSetting(context.apiKey, []);
  if (apiKey !== undefined) return { kind: 'api-key', apiKey };
  const token = firstSetting(settings['azure_ad_token'], []);
  if (token !== undefined) return { kind: 'token', token };
  if (CLIENT_FIELDS.some(([setting]) => firstSetting(settings[setting], []) !== undefined)) return clientCredentials(context);

  const envKey = firstSetting(undefined, AZURE_API_KEY_ENV);
  if (envKey !== undefined) return { kind: 'api-key', apiKey: envKey };
  const envToken = firstSetting(undefined, AD_TOKEN_ENV);
  if (envToken !== undefined) return { kind: 'token', token: envToken };
  if (CLIENT_FIELDS.some(([, env]) => firstSetting(undefined, [env]) !== undefined)) return clientCredentials(context);

  throw new AuthenticationError(
    'missing credentials for azure: pass api_key (or set AZURE_API_KEY or AZURE_OPENAI_API_KEY), ' +
      'azure_ad_token (or set AZURE_AD_TOKEN), or tenant_id, client_id and client_secret ' +
      '(or set AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET)',
    { provider: context.provider, model: context.model, code: 'missing_api_key' },
  );
}

/** Each part from its setting, else its environment variable; a partial set names what is missing. */
function clientCredentials(context: CredentialContext): AzureCredential {
  const settings = context.settings;
  const [tenantId, clientId, clientSecret] = CLIENT_FIELDS.map(([setting, env]) => firstSetting(settings[setting], [env]));
  if (tenantId === undefined || clientId === undefined || clientSecret === undefined) {
    const missing = CLIENT_FIELDS.filter((_, index) => [tenantId, clientId, clientSecret][index] === undefined).map(([setting, env]) => `${setting} (or ${env})`);
    throw new AuthenticationError(`incomplete Entra ID client credentials for azure: missing ${missing.join(', ')}`, {
      provider: context.provider,
      model: context.model,
      code: 'missing_api_key',
    });
  }
  const credentials: EntraClientCredentials = { tenantId, clientId, clientSecret };
  const authorityHost = firstSetting(settings['azure_authority_host'], AUTHORITY_HOST_ENV);
  if (authorityHost !== undefined) credentials.authorityHost = authorityHost;
  const scope = firstSetting(settings['azure_scope'], []);
  if (scope !== undefined) credentials.scope = scope;
  return { kind: 'client-credentials', credentials };
}
