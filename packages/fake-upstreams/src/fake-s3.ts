// Amazon S3 as a fake, path-style (`/<bucket>/<key>`): PutObject, GetObject (with a
// `Range: bytes=a-b` answered 206), HeadObject and DeleteObject, on the buckets it is given.
// Every call must be SigV4-signed for service `s3` (the path signed as sent) and carry
// `x-amz-content-sha256`, as S3 requires; failures are S3's XML error documents.

import type { ServerResponse } from 'node:http';
import { createHash, randomBytes } from 'node:crypto';
import { verifyAwsSigV4, type FakeAwsCredentials } from './fake-aws-sigv4.js';
import { startFakeServer, type FakeServer, type RecordedRequest } from './start-fake-server.js';

export interface FakeS3Options extends FakeAwsCredentials {
  region: string;
  buckets: readonly string[];
}

export interface FakeS3Server extends FakeServer {
  /** Objects by `<bucket>/<key>`; the fake Bedrock batch control plane reads and writes here too. */
  objects: Map<string, Buffer>;
}

/** The verifier's AWS error names as S3 spells them. */
const S3_AUTH_CODES: Readonly<Record<string, string>> = {
  UnrecognizedClientException: 'InvalidAccessKeyId',
  InvalidSignatureException: 'SignatureDoesNotMatch',
  IncompleteSignatureException: 'AuthorizationHeaderMalformed',
  MissingAuthenticationTokenException: 'AccessDenied',
};

export async function startFakeS3(options: FakeS3Options): Promise<FakeS3Server> {
  const objects = new Map<string, Buffer>();
  const buckets = new Set(options.buckets);

  const handle = async (request: RecordedRequest, response: ServerResponse): Promise<void> => {
    const path = request.url.split('?', 1)[0] ?? '/';
    const slash = path.indexOf('/', 1);
    const bucket = decodeURIComponent(slash === -1 ? path.slice(1) : path.slice(1, slash));
    const key =
      slash === -1
        ? ''
        : path
            .slice(slash + 1)
            .split('/')
            .map(decodeURIComponent)
            .join('/');
    if (request.headers['x-amz-content-sha256'] === undefined)
      return sendS3Error(response, 400, 'InvalidRequest', 'Missing required header for this request: x-amz-content-sha256');
    const failure = await verifyAwsSigV4(request, { ...options, service: 's3', uriEscapePath: false });
    if (failure !== undefined) return sendS3Error(response, failure.status, S3_AUTH_CODES[failure.errorType] ?? 'AccessDenied', failure.message);
    if (!buckets.has(bucket)) return sendS3Error(response, 404, 'NoSuchBucket', 'The specified bucket does not exist');
    if (key === '') return sendS3Error(response, 405, 'MethodNotAllowed', 'The specified method is not allowed against this resource.');
    const name = `${bucket}/${key}`;
    if (request.method === 'PUT') {
      objects.set(name, request.body);
      response.writeHead(200, { etag: etag(request.body), 'x-amz-request-id': requestId() });
      response.end();
      return;
    }
    if (request.method === 'DELETE') {
      // S3 answers a delete of a missing key with the same 204.
      objects.delete(name);
      response.writeHead(204, { 'x-amz-request-id': requestId() });
      response.end();
      return;
    }
    const object = objects.get(name);
    if (object === undefined) return sendS3Error(response, 404, 'NoSuchKey', 'The specified key does not exist.');
    const headers = { etag: etag(object), 'content-type': 'application/octet-stream', 'accept-ranges': 'bytes', 'x-amz-request-id': requestId() };
    if (request.method === 'HEAD') {
      response.writeHead(200, { ...headers, 'content-length': object.length });
      response.end();
      return;
    }
    if (request.method !== 'GET') return sendS3Error(response, 405, 'MethodNotAllowed', 'The specified method is not allowed against this resource.');
    const range = /^bytes=(\d+)-(\d*)$/.exec(String(request.headers.range ?? ''));
    if (range !== null) {
      const start = Number(range[1]);
      const end = Math.min(range[2] === '' ? object.length - 1 : Number(range[2]), object.length - 1);
      if (start >= object.length) return sendS3Error(response, 416, 'InvalidRange', 'The requested range is not satisfiable');
      const part = object.subarray(start, end + 1);
      response.writeHead(206, { ...headers, 'content-length': part.length, 'content-range': `bytes ${start}-${end}/${object.length}` });
      response.end(part);
      return;
    }
    response.writeHead(200, { ...headers, 'content-length': object.length });
    response.end(object);
  };

  const server = await startFakeServer(handle);
  return { ...server, objects };
}

function sendS3Error(response: ServerResponse, status: number, code: string, message: string): void {
  const id = requestId();
  const body = `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message><RequestId>${id}</RequestId></Error>`;
  response.writeHead(status, { 'content-type': 'application/xml', 'content-length': Buffer.byteLength(body), 'x-amz-request-id': id });
  response.end(body);
}

function etag(data: Buffer): string {
  return `"${createHash('md5').update(data).digest('hex')}"`;
}

function requestId(): string {
  return randomBytes(8).toString('hex').toUpperCase();
}
