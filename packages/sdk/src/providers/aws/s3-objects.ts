// S3 objects, for the features whose provider reads and writes a bucket (Bedrock batch
// inference): PUT, GET, the size (a one-byte range), DELETE. Signed with SigV4 for service
// `s3` through the shared AWS send. Credentials and region are LiteLLM's S3 settings
// (`s3_access_key_id`, `s3_secret_access_key`, `s3_region_name`) where given, else the
// deployment's AWS ones. The default address is virtual-hosted (`<bucket>.s3.<region>…`);
// an endpoint override (`s3_endpoint_url`, AWS_ENDPOINT_URL_S3) is addressed path-style, as
// S3-compatible servers expect.

import { BadRequestError } from '../../errors/error-classes.js';
import type { ProviderCallContext } from '../provider-adapter.js';
import type { AwsErrorTable } from './aws-error.js';
import type { AwsServiceConfig } from './aws-service.js';
import { sendAwsRequest, type AwsCall } from './send-aws-request.js';

export interface S3Location {
  bucket: string;
  key: string;
}

const S3_ERRORS: AwsErrorTable = {
  NoSuchKey: { status: 404 },
  NoSuchBucket: { status: 404 },
  AccessDenied: { status: 403 },
  InvalidAccessKeyId: { status: 401, kind: 'authentication' },
  SignatureDoesNotMatch: { status: 401, kind: 'authentication' },
  SlowDown: { status: 429, kind: 'rate_limit' },
};

const S3_URI = /^s3:\/\/([^/]+)\/(.+)$/;

export function parseS3Uri(uri: string): S3Location | undefined {
  const match = S3_URI.exec(uri);
  return match === null ? undefined : { bucket: match[1] as string, key: match[2] as string };
}

export function s3Uri(location: S3Location): string {
  return `s3://${location.bucket}/${location.key}`;
}

export async function putS3Object(location: S3Location, data: Buffer, contentType: string, context: ProviderCallContext): Promise<void> {
  const call = await sendS3(location, { method: 'PUT', body: data, headers: { 'content-type': contentType } }, context);
  await call.response.body.dump();
}

export async function getS3Object(location: S3Location, context: ProviderCallContext): Promise<Buffer> {
  const call = await sendS3(location, { method: 'GET' }, context);
  return Buffer.from(await call.response.body.arrayBuffer());
}

/** The object's size, from the total of a one-byte range (S3 has no cheaper read but HEAD). */
export async function s3ObjectSize(location: S3Location, context: ProviderCallContext): Promise<number> {
  const call = await sendS3(location, { method: 'GET', headers: { range: 'bytes=0-0' } }, context);
  await call.response.body.dump();
  const range = call.response.headers['content-range'];
  const total = typeof range === 'string' ? /\/(\d+)$/.exec(range)?.[1] : undefined;
  const length = call.response.headers['content-length'];
  return Number(total ?? (typeof length === 'string' ? length : 0));
}

export async function deleteS3Object(location: S3Location, context: ProviderCallContext): Promise<void> {
  const call = await sendS3(location, { method: 'DELETE' }, context);
  await call.response.body.dump();
}

interface S3Request {
  method: 'GET' | 'PUT' | 'DELETE';
  body?: Buffer;
  headers?: Record<string, string>;
}

function sendS3(location: S3Location, request: S3Request, context: ProviderCallContext): Promise<AwsCall> {
  const key = location.key.split('/').map(encodeURIComponent).join('/');
  return sendAwsRequest(
    s3Service(location.bucket),
    {
      path: `/${key}`,
      overriddenPath: `/${encodeURIComponent(location.bucket)}/${key}`,
      method: request.method,
      body: request.body,
      accept: '*/*',
      ...(request.headers === undefined ? {} : { headers: request.headers }),
    },
    s3Context(context),
  );
}

function s3Service(bucket: string): AwsServiceConfig {
  if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket)) throw new BadRequestError(`"${bucket}" is not an S3 bucket name`, { param: 's3_bucket_name' });
  return {
    signingName: 's3',
    defaultEndpoint: (region) => `https://${bucket}.s3.${region}.amazonaws.com`,
    endpointSettings: ['s3_endpoint_url'],
    endpointEnv: ['AWS_ENDPOINT_URL_S3'],
    ignoresApiBase: true,
    s3Signing: true,
    errors: S3_ERRORS,
  };
}

/** The deployment's context with LiteLLM's S3 settings in place of its AWS ones; no API key (S3 takes none). */
function s3Context(context: ProviderCallContext): ProviderCallContext {
  const settings: Record<string, unknown> = { ...context.settings };
  const text = (name: string): string | undefined => {
    const value = context.settings[name];
    return typeof value === 'string' && value !== '' ? value : undefined;
  };
  const accessKeyId = text('s3_access_key_id');
  const secretAccessKey = text('s3_secret_access_key');
  if (accessKeyId !== undefined || secretAccessKey !== undefined) {
    settings['aws_access_key_id'] = accessKeyId;
    settings['aws_secret_access_key'] = secretAccessKey;
    settings['aws_session_token'] = text('s3_session_token');
  }
  const region = text('s3_region_name');
  if (region !== undefined) settings['aws_region_name'] = region;
  const { apiKey: _none, ...rest } = context;
  return { ...rest, settings };
}
