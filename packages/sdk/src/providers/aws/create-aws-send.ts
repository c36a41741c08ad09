// AWS authentication as a decorator around the one HTTP helper: the returned function
// signs each request (SigV4, via @smithy/signature-v4) or adds the bearer token, then
// hands it to `http.send` unchanged. Signing covers every header we send, the host and the
// exact body bytes, so what is signed is what goes on the wire.

import { Hash } from '@smithy/hash-node';
import { SignatureV4 } from '@smithy/signature-v4';
import type { HttpRequest, SendHttpRequest } from '../../http/http-client.js';
import type { AwsAuth } from './resolve-aws-auth.js';

/** The SHA-256 constructor SignatureV4 expects, on node:crypto. */
const Sha256 = Hash.bind(null, 'sha256');

export interface AwsSigning {
  /** SigV4 signing name of the service. */
  service: string;
  /** Signing region; required for SigV4, unused for a bearer token. */
  region: string | undefined;
  /**
   * S3 signs differently from the other services: it requires the payload's hash in
   * `x-amz-content-sha256` and signs the path as sent, not encoded a second time.
   */
  s3?: boolean;
}

export function createAwsSend(send: SendHttpRequest, auth: AwsAuth, signing: AwsSigning): SendHttpRequest {
  switch (auth.kind) {
    case 'bearer':
      // After the caller's headers, so that a stray header cannot replace the credential.
      return (request) => send({ ...request, headers: { ...request.headers, authorization: `Bearer ${auth.token}` } });
    case 'sigv4': {
      const s3 = signing.s3 === true;
      const signer = new SignatureV4({
        credentials: auth.credentials,
        region: signing.region ?? '',
        service: signing.service,
        sha256: Sha256,
        applyChecksum: s3,
        uriEscapePath: !s3,
      });
      return async (request) => send({ ...request, headers: await signHeaders(signer, request) });
    }
    default: {
      // Only the kind is named: the value holds credentials.
      const exhaustive: never = auth;
      throw new Error(`unknown AWS auth kind ${String((exhaustive as { kind: unknown }).kind)}`);
    }
  }
}

/** The request's headers plus `host`, `x-amz-date`, `x-amz-security-token` and `authorization`. */
async function signHeaders(signer: SignatureV4, request: HttpRequest): Promise<Record<string, string>> {
  const url = new URL(request.url);
  const query: Record<string, string> = {};
  for (const [name, value] of url.searchParams) query[name] = value;
  const { authorization: _dropped, ...headers } = request.headers;
  const signed = await signer.sign({
    method: request.method ?? 'POST',
    protocol: url.protocol,
    hostname: url.hostname,
    path: url.pathname,
    query,
    // The host undici will send: the port only when it is not the scheme's default.
    headers: { ...headers, host: url.host },
    body: request.body,
  });
  return signed.headers;
}
