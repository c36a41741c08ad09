// Cloud Storage's JSON API as a fake: media upload (`POST /upload/storage/v1/b/<bucket>/o?
// uploadType=media&name=<object>`), list by prefix (`GET /storage/v1/b/<bucket>/o?prefix=`,
// paged by maxResults/pageToken), object metadata and media download (`alt=media`) and
// delete, on the buckets it is given. Every call needs a bearer token from `tokens` (pass a
// fake token server's live `issued` list); failures are Google's JSON error bodies.

import type { ServerResponse } from 'node:http';
import { createHash } from 'node:crypto';
import { googleErrorBody } from './fake-google-error.js';
import { sendJson, startFakeServer, type FakeServer, type RecordedRequest } from './start-fake-server.js';

export interface FakeGcsOptions {
  /** Access tokens accepted; read at each request, so a live list may grow. */
  tokens: readonly string[];
  buckets: readonly string[];
}

export interface FakeGcsObject {
  data: Buffer;
  contentType: string;
  updated: string;
}

export interface FakeGcsServer extends FakeServer {
  /** Objects by `<bucket>/<name>`; the fake Vertex batch service reads and writes here too. */
  objects: Map<string, FakeGcsObject>;
}

const UPLOAD = /^\/upload\/storage\/v1\/b\/([^/]+)\/o$/;
const OBJECTS = /^\/storage\/v1\/b\/([^/]+)\/o(?:\/([^/]+))?$/;
const DEFAULT_PAGE = 1000;

export async function startFakeGcs(options: FakeGcsOptions): Promise<FakeGcsServer> {
  const objects = new Map<string, FakeGcsObject>();
  const buckets = new Set(options.buckets);

  const handle = (request: RecordedRequest, response: ServerResponse): void => {
    const url = new URL(request.url, 'http://fake');
    const authorization = request.headers.authorization ?? '';
    if (!authorization.startsWith('Bearer ') || !options.tokens.includes(authorization.slice('Bearer '.length))) {
      return sendJson(response, 401, googleErrorBody(401, 'UNAUTHENTICATED', 'Invalid Credentials'));
    }
    const upload = UPLOAD.exec(url.pathname);
    const route = upload ?? OBJECTS.exec(url.pathname);
    if (route === null) return sendJson(response, 404, googleErrorBody(404, 'NOT_FOUND', `Not Found: ${url.pathname}`));
    const bucket = decodeURIComponent(route[1] ?? '');
    if (!buckets.has(bucket)) return sendJson(response, 404, googleErrorBody(404, 'NOT_FOUND', 'The specified bucket does not exist.'));
    if (upload !== null) return uploadObject(bucket, url, request, response);
    const name = route[2] === undefined ? undefined : decodeURIComponent(route[2]);
    if (name === undefined) {
      if (request.method !== 'GET') return sendJson(response, 405, googleErrorBody(405, 'METHOD_NOT_ALLOWED', 'Method not allowed'));
      return list(bucket, url, response);
    }
    const object = objects.get(`${bucket}/${name}`);
    if (object === undefined) return sendJson(response, 404, googleErrorBody(404, 'NOT_FOUND', `No such object: ${bucket}/${name}`));
    if (request.method === 'DELETE') {
      objects.delete(`${bucket}/${name}`);
      response.writeHead(204);
      response.end();
      return;
    }
    if (request.method !== 'GET') return sendJson(response, 405, googleErrorBody(405, 'METHOD_NOT_ALLOWED', 'Method not allowed'));
    if (url.searchParams.get('alt') === 'media') {
      response.writeHead(200, { 'content-type': object.contentType, 'content-length': object.data.length });
      response.end(object.data);
      return;
    }
    sendJson(response, 200, resource(bucket, name, object));
  };

  const uploadObject = (bucket: string, url: URL, request: RecordedRequest, response: ServerResponse): void => {
    if (request.method !== 'POST') return sendJson(response, 405, googleErrorBody(405, 'METHOD_NOT_ALLOWED', 'Method not allowed'));
    if (url.searchParams.get('uploadType') !== 'media')
      return sendJson(response, 400, googleErrorBody(400, 'INVALID_ARGUMENT', 'Invalid upload type; this fake takes uploadType=media.'));
    const name = url.searchParams.get('name') ?? '';
    if (name === '') return sendJson(response, 400, googleErrorBody(400, 'INVALID_ARGUMENT', 'Required parameter: name'));
    const object = { data: request.body, contentType: String(request.headers['content-type'] ?? 'application/octet-stream'), updated: new Date().toISOString() };
    objects.set(`${bucket}/${name}`, object);
    sendJson(response, 200, resource(bucket, name, object));
  };

  const list = (bucket: string, url: URL, response: ServerResponse): void => {
    const prefix = url.searchParams.get('prefix') ?? '';
    const size = Number(url.searchParams.get('maxResults') ?? DEFAULT_PAGE);
    const start = Number(url.searchParams.get('pageToken') ?? 0);
    const names = [...objects.keys()]
      .filter((key) => key.startsWith(`${bucket}/${prefix}`))
      .map((key) => key.slice(bucket.length + 1))
      .sort();
    const page = names.slice(start, start + size);
    const next = start + size < names.length ? { nextPageToken: String(start + size) } : {};
    sendJson(response, 200, { kind: 'storage#objects', ...next, items: page.map((name) => resource(bucket, name, objects.get(`${bucket}/${name}`) as FakeGcsObject)) });
  };

  const server = await startFakeServer(handle);
  return { ...server, objects };
}

/** The object resource as the JSON API answers it (int64 `size` as a string). */
function resource(bucket: string, name: string, object: FakeGcsObject): Record<string, unknown> {
  return {
    kind: 'storage#object',
    id: `${bucket}/${name}/1`,
    name,
    bucket,
    contentType: object.contentType,
    size: String(object.data.length),
    md5Hash: createHash('md5').update(object.data).digest('base64'),
    updated: object.updated,
  };
}
