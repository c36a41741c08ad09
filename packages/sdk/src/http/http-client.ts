// The one HTTP helper every provider calls. It keeps an undici Agent (a keep-alive pool per
// origin) and never touches global fetch or WHATWG streams, so each upstream call costs one
// dispatch and the response body stays a Node stream.

import { Readable } from 'node:stream';
import { Agent, errors as undiciErrors, type Dispatcher } from 'undici';
import { APIConnectionError, TimeoutError } from '../errors/error-classes.js';
import type { LlmuxError } from '../errors/llmux-error.js';
import { CollectResponse, type WholeResponse } from './collect-response.js';

export interface HttpRequest {
  /** Absolute URL: `https://host[:port]/path?query`. */
  url: string;
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  headers: Record<string, string>;
  /** A Readable (a multipart upload's parts) is written as it is read, never joined first. */
  body?: string | Buffer | Readable;
  signal?: AbortSignal;
  /** Time allowed until the response headers arrive. */
  timeoutMs?: number;
  /** Time allowed between two body chunks (the stream idle timeout). */
  idleTimeoutMs?: number;
  /** Names the provider and model in connection errors. */
  provider: string;
  model: string;
}

export interface HttpResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Dispatcher.ResponseData['body'];
}

/** `HttpClient.send`'s shape, so auth decorators (SigV4, bearer) can wrap it. */
export type SendHttpRequest = (request: HttpRequest) => Promise<HttpResponse>;

export interface HttpClientOptions {
  /**
   * Connections per upstream origin; unlimited by default. A cap would queue calls inside
   * the gateway, where no one sees the wait: an LLM stream holds its connection for its
   * whole life, so 256 open streams would stall the 257th. Limits belong to the router
   * (`max_parallel_requests`, rpm/tpm) and to the keys, which refuse with a clear 429.
   */
  connectionsPerOrigin?: number;
  keepAliveTimeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 600_000;

export class HttpClient {
  private readonly agent: Agent;
  private readonly origins = new Map<string, { origin: string; prefix: string }>();

  constructor(options: HttpClientOptions = {}) {
    this.agent = new Agent({
      connections: options.connectionsPerOrigin ?? null,
      keepAliveTimeout: options.keepAliveTimeoutMs ?? 30_000,
      pipelining: 1,
    });
  }

  /** Sends a request; the reply's body is a stream to read. */
  send(request: HttpRequest): Promise<HttpResponse> {
    return this.sendOnce(request, this.dispatchStreamed);
  }

  /** Sends a request whose reply is wanted whole: its body arrives as one Buffer, no stream built. */
  sendWhole(request: HttpRequest): Promise<WholeResponse> {
    return this.sendOnce(request, this.dispatchWhole);
  }

  private async sendOnce<Response>(request: HttpRequest, dispatch: (request: HttpRequest) => Promise<Response>): Promise<Response> {
    try {
      return await dispatch(request);
    } catch (error) {
      // A kept-alive connection the server closed while idle fails the next request sent on
      // it before any answer (undici retries only idempotent methods). Such a request never
      // reached the server's handler, so it is sent again once, on a new connection, when its
      // body can be sent twice (a stream cannot).
      if (!isClosedIdleConnection(error) || request.signal?.aborted === true || request.body instanceof Readable) throw toConnectionError(error, request);
      try {
        return await dispatch(request);
      } catch (again) {
        throw toConnectionError(again, request);
      }
    }
  }

  private readonly dispatchStreamed = async (request: HttpRequest): Promise<HttpResponse> => {
    const response = await this.agent.request(this.options(request, request.signal));
    return { status: response.statusCode, headers: response.headers, body: response.body };
  };

  private readonly dispatchWhole = (request: HttpRequest): Promise<WholeResponse> =>
    new Promise((resolve, reject) => {
      // The handler watches the signal itself: undici's request() is what reads it from the options.
      this.agent.dispatch(this.options(request, undefined), new CollectResponse(resolve, reject, request.signal));
    });

  private options(request: HttpRequest, signal: AbortSignal | undefined): Dispatcher.RequestOptions {
    const { origin, path } = this.split(request.url);
    return {
      origin,
      path,
      method: request.method ?? 'POST',
      headers: request.headers,
      body: request.body,
      signal,
      headersTimeout: request.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      bodyTimeout: request.idleTimeoutMs ?? request.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    };
  }

  close(): Promise<void> {
    return this.agent.close();
  }

  /** Splits a URL into origin and path, caching the parse per distinct origin prefix. */
  private split(url: string): { origin: string; path: string } {
    const schemeEnd = url.indexOf('//') + 2;
    const pathStart = url.indexOf('/', schemeEnd);
    const key = pathStart === -1 ? url : url.slice(0, pathStart);
    let entry = this.origins.get(key);
    if (entry === undefined) {
      entry = { origin: new URL(key).origin, prefix: key };
      this.origins.set(key, entry);
    }
    return { origin: entry.origin, path: pathStart === -1 ? '/' : url.slice(pathStart) };
  }
}

/** The socket was reset or closed by the other side before any answer arrived. */
function isClosedIdleConnection(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'UND_ERR_SOCKET' || code === 'ECONNRESET';
}

/** Turns undici's transport failures into typed errors; an abort by the caller passes through. */
export function toConnectionError(error: unknown, request: Pick<HttpRequest, 'provider' | 'model' | 'signal'>): unknown {
  if (request.signal?.aborted) return request.signal.reason ?? error;
  const options = { provider: request.provider, model: request.model, cause: error };
  if (error instanceof undiciErrors.HeadersTimeoutError || error instanceof undiciErrors.ConnectTimeoutError) {
    return new TimeoutError(`${request.provider} did not respond in time`, options);
  }
  if (error instanceof undiciErrors.BodyTimeoutError) {
    return new TimeoutError(`${request.provider} stream went idle`, options);
  }
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'UND_ERR_SOCKET' || code === 'ECONNRESET') {
    return new APIConnectionError(`connection to ${request.provider} was lost: ${code}`, options);
  }
  const detail = typeof code === 'string' ? code : error instanceof Error ? error.message : 'unknown error';
  return new APIConnectionError(`could not reach ${request.provider}: ${detail}`, options) satisfies LlmuxError;
}

let sharedClient: HttpClient | undefined;

/** The process-wide client the SDK uses unless a caller passes its own. */
export function getSharedHttpClient(): HttpClient {
  sharedClient ??= new HttpClient();
  return sharedClient;
}
