// Finds the credential for a call: the caller's value first, then the provider's
// environment variables. A missing required key is a clear 401, never a crash.

import { AuthenticationError } from '../errors/error-classes.js';
import type { ProviderCallContext } from './provider-adapter.js';

export function resolveApiKey(context: Pick<ProviderCallContext, 'apiKey' | 'provider' | 'model'>, envNames: readonly string[], required: boolean): string | undefined {
  if (context.apiKey !== undefined && context.apiKey !== '') return context.apiKey;
  for (const name of envNames) {
    const value = process.env[name];
    if (value !== undefined && value !== '') return value;
  }
  if (!required) return undefined;
  const where = envNames.length > 0 ? `set ${envNames.join(' or ')} or pass api_key` : 'pass api_key';
  throw new AuthenticationError(`missing API key for provider "${context.provider}": ${where}`, {
    provider: context.provider,
    model: context.model,
    code: 'missing_api_key',
  });
}

/** The caller's api_base, else the first set environment variable, else the default. */
export function resolveApiBase(context: Pick<ProviderCallContext, 'apiBase'>, envNames: readonly string[], fallback: string): string {
  if (context.apiBase !== undefined && context.apiBase !== '') return stripTrailingSlash(context.apiBase);
  for (const name of envNames) {
    const value = process.env[name];
    if (value !== undefined && value !== '') return stripTrailingSlash(value);
  }
  return fallback;
}

function stripTrailingSlash(url: string): string {
  return url.endsWith('/') ? url.slice(0, -1) : url;
}
