// Finds how to authenticate an AWS call: explicit settings first (`api_key`, then
// `aws_access_key_id` / `aws_secret_access_key` / `aws_session_token`), then the
// environment (the service's bearer-token variable, then AWS_ACCESS_KEY_ID & co). What is
// missing is named in a 401 without echoing any value.

import { AuthenticationError } from '../../errors/error-classes.js';
import type { ProviderCallContext } from '../provider-adapter.js';
import type { AwsServiceConfig } from './aws-service.js';

export interface AwsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

export type AwsAuth = { kind: 'sigv4'; credentials: AwsCredentials } | { kind: 'bearer'; token: string };

type AuthContext = Pick<ProviderCallContext, 'apiKey' | 'settings' | 'provider' | 'model' | 'warnings'>;

export function resolveAwsAuth(service: AwsServiceConfig, context: AuthContext): AwsAuth {
  const bearerAllowed = service.bearerTokenEnv !== undefined;
  if (nonEmpty(context.apiKey) !== undefined) {
    if (bearerAllowed) return { kind: 'bearer', token: context.apiKey as string };
    context.warnings.push(`api_key is not used by ${context.provider}, which signs requests with AWS credentials`);
  }

  const fromSettings = credentialsFrom(
    setting(context, 'aws_access_key_id'),
    setting(context, 'aws_secret_access_key'),
    setting(context, 'aws_session_token'),
    ['aws_access_key_id', 'aws_secret_access_key'],
    context,
  );
  if (fromSettings !== undefined) return { kind: 'sigv4', credentials: fromSettings };

  const token = service.bearerTokenEnv === undefined ? undefined : nonEmpty(process.env[service.bearerTokenEnv]);
  if (token !== undefined) return { kind: 'bearer', token };

  const fromEnv = credentialsFrom(
    nonEmpty(process.env['AWS_ACCESS_KEY_ID']),
    nonEmpty(process.env['AWS_SECRET_ACCESS_KEY']),
    nonEmpty(process.env['AWS_SESSION_TOKEN']),
    ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY'],
    context,
  );
  if (fromEnv !== undefined) return { kind: 'sigv4', credentials: fromEnv };

  const bearer = bearerAllowed ? `, or an API key as api_key or ${service.bearerTokenEnv}` : '';
  throw missing(
    context,
    `missing AWS credentials for provider "${context.provider}": pass aws_access_key_id and aws_secret_access_key ` +
      `(or set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY)${bearer}`,
  );
}

/** The signing region: `aws_region_name`, else AWS_REGION, else AWS_DEFAULT_REGION. */
export function resolveAwsRegion(context: Pick<ProviderCallContext, 'settings'>): string | undefined {
  return setting(context, 'aws_region_name') ?? nonEmpty(process.env['AWS_REGION']) ?? nonEmpty(process.env['AWS_DEFAULT_REGION']);
}

/** A region is part of the signing scope and the default endpoint, so a missing one fails like a missing key. */
export function requireAwsRegion(context: AuthContext): string {
  const region = resolveAwsRegion(context);
  if (region !== undefined) return region;
  throw missing(context, `missing AWS region for provider "${context.provider}": pass aws_region_name or set AWS_REGION or AWS_DEFAULT_REGION`);
}

function credentialsFrom(
  accessKeyId: string | undefined,
  secretAccessKey: string | undefined,
  sessionToken: string | undefined,
  names: readonly [accessKeyName: string, secretName: string],
  context: AuthContext,
): AwsCredentials | undefined {
  if (accessKeyId === undefined && secretAccessKey === undefined) return undefined;
  if (accessKeyId === undefined) throw missing(context, `${names[1]} is set but ${names[0]} is missing for provider "${context.provider}"`);
  if (secretAccessKey === undefined) throw missing(context, `${names[0]} is set but ${names[1]} is missing for provider "${context.provider}"`);
  return sessionToken === undefined ? { accessKeyId, secretAccessKey } : { accessKeyId, secretAccessKey, sessionToken };
}

function setting(context: Pick<ProviderCallContext, 'settings'>, name: string): string | undefined {
  const value = context.settings[name];
  return typeof value === 'string' ? nonEmpty(value) : undefined;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}

function missing(context: AuthContext, message: string): AuthenticationError {
  return new AuthenticationError(message, { provider: context.provider, model: context.model, code: 'missing_aws_credentials' });
}
