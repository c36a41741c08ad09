// A Microsoft Entra ID app registration's client credentials, and the key that identifies
// them in the token cache without holding the secret itself.

import { createHash } from 'node:crypto';

const DEFAULT_AUTHORITY_HOST = 'https://login.microsoftonline.com';
/** The scope Azure OpenAI (and every Azure AI service) accepts tokens for. */
export const COGNITIVE_SERVICES_SCOPE = 'https://cognitiveservices.azure.com/.default';

export interface EntraClientCredentials {
  tenantId: string;
  clientId: string;
  clientSecret: string;
  /** Defaults to DEFAULT_AUTHORITY_HOST; sovereign clouds and tests point elsewhere. */
  authorityHost?: string;
  /** Defaults to COGNITIVE_SERVICES_SCOPE. */
  scope?: string;
}

export function entraTokenUrl(credentials: EntraClientCredentials): string {
  const host = (credentials.authorityHost ?? DEFAULT_AUTHORITY_HOST).replace(/\/+$/, '');
  return `${host}/${encodeURIComponent(credentials.tenantId)}/oauth2/v2.0/token`;
}

/** A rotated secret gets a new entry, and the key itself reveals nothing of the secret. */
export function entraCacheKey(credentials: EntraClientCredentials): string {
  const fingerprint = createHash('sha256').update(credentials.clientSecret).digest('base64url').slice(0, 16);
  return [entraTokenUrl(credentials), credentials.clientId, credentials.scope ?? COGNITIVE_SERVICES_SCOPE, fingerprint].join('|');
}
