// SigV4 verification for the fake AWS services, as AWS's front end does it: the access key
// must be known, the scope must name this region and service, the date must be recent, and
// the signature, recomputed with @smithy/signature-v4 from the received method, path,
// query, signed headers and body, must match. Failures carry AWS's error names and texts.

import { createHash } from 'node:crypto';
import { Hash } from '@smithy/hash-node';
import { SignatureV4 } from '@smithy/signature-v4';
import type { RecordedRequest } from './start-fake-server.js';

export interface FakeAwsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  /** When set, requests must carry it as `x-amz-security-token`. */
  sessionToken?: string;
}

export interface FakeAwsAuthFailure {
  status: number;
  /** The `x-amzn-ErrorType` AWS sends. */
  errorType: string;
  message: string;
}

const Sha256 = Hash.bind(null, 'sha256');
const AUTHORIZATION_PATTERN = /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request, ?SignedHeaders=([^,]+), ?Signature=([0-9a-f]{64})$/;
const MAX_CLOCK_SKEW_MS = 15 * 60 * 1000;
const MISMATCH =
  'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.';

/** Undefined when the request is signed by these credentials for this region and service. */
export async function verifyAwsSigV4(
  request: RecordedRequest,
  expected: FakeAwsCredentials & { region: string; service: string; uriEscapePath?: boolean },
  now = Date.now(),
): Promise<FakeAwsAuthFailure | undefined> {
  const authorization = header(request, 'authorization');
  if (authorization === undefined) return failure('MissingAuthenticationTokenException', 'Missing Authentication Token');
  const match = AUTHORIZATION_PATTERN.exec(authorization);
  if (match === null) return failure('IncompleteSignatureException', `Authorization header requires 'Credential', 'Signature' and 'SignedHeaders' parameters.`);
  // The pattern's seven groups always match, so each is a string; the RegExp type allows undefined.
  const [, accessKeyId, scopeDate, region, service, signedHeaderList, signature] = match as unknown as string[];

  const token = header(request, 'x-amz-security-token');
  if (accessKeyId !== expected.accessKeyId || token !== expected.sessionToken) {
    return failure('UnrecognizedClientException', 'The security token included in the request is invalid.');
  }
  if (region !== expected.region) return failure('InvalidSignatureException', `Credential should be scoped to a valid region. `);
  if (service !== expected.service) return failure('InvalidSignatureException', `Credential should be scoped to correct service: '${expected.service}'. `);

  const signedNames = (signedHeaderList ?? '').split(';');
  if (!signedNames.includes('host') || !signedNames.includes('x-amz-date')) {
    return failure('InvalidSignatureException', `'Host' or 'X-Amz-Date' must be a signed header.`);
  }
  const signingDate = parseAmzDate(header(request, 'x-amz-date'));
  if (signingDate === undefined || scopeDate !== header(request, 'x-amz-date')?.slice(0, 8)) {
    return failure('InvalidSignatureException', 'Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP.');
  }
  if (Math.abs(now - signingDate.getTime()) > MAX_CLOCK_SKEW_MS) {
    return failure('InvalidSignatureException', `Signature expired: ${header(request, 'x-amz-date')} is now earlier than the allowed window.`);
  }
  const declaredHash = header(request, 'x-amz-content-sha256');
  if (declaredHash !== undefined && declaredHash !== 'UNSIGNED-PAYLOAD' && declaredHash !== sha256Hex(request.text)) {
    return failure('InvalidSignatureException', 'The provided x-amz-content-sha256 header does not match what was computed.');
  }

  const headers: Record<string, string> = {};
  for (const name of signedNames) headers[name] = header(request, name) ?? '';
  const [path = '/', queryString = ''] = request.url.split('?', 2);
  const query: Record<string, string> = {};
  for (const [name, value] of new URLSearchParams(queryString)) query[name] = value;
  const signer = new SignatureV4({
    credentials: { accessKeyId, secretAccessKey: expected.secretAccessKey, ...(token === undefined ? {} : { sessionToken: token }) },
    region: expected.region,
    service: expected.service,
    sha256: Sha256,
    applyChecksum: false,
    // S3 signs the path as sent; every other service encodes it once more.
    uriEscapePath: expected.uriEscapePath ?? true,
  });
  const recomputed = await signer.sign(
    { method: request.method, protocol: 'http:', hostname: (headers['host'] ?? '').split(':')[0] ?? '', path, query, headers, body: request.text },
    { signingDate },
  );
  const expectedSignature = /Signature=([0-9a-f]{64})$/.exec(recomputed.headers['authorization'] ?? '')?.[1];
  return expectedSignature === signature ? undefined : failure('InvalidSignatureException', MISMATCH);
}

function failure(errorType: string, message: string): FakeAwsAuthFailure {
  // AWS's front end answers every authentication failure with a 403.
  return { status: 403, errorType, message };
}

function header(request: RecordedRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value.join(',') : value;
}

function parseAmzDate(value: string | undefined): Date | undefined {
  const match = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value ?? '');
  if (match === null) return undefined;
  const [, year, month, day, hour, minute, second] = match.map(Number) as number[];
  return new Date(Date.UTC(year ?? 0, (month ?? 1) - 1, day, hour, minute, second));
}

function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}
