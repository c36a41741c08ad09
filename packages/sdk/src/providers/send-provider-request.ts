// The one send every provider adapter shares: the call's deadline, idle timeout, abort
// signal and names go on the request, and a non-2xx answer is thrown as the provider's
// typed error with its secrets redacted. Callers build the URL, headers and body and return
// this promise as their own (they are not async themselves), so a call allocates no more
// than when each provider held its own copy. Every adapter awaits its sender, so a key
// missing before the send still surfaces as the same rejection. Auth decorators (SigV4)
// pass their own `send`.

import type { Readable } from 'node:stream';
import type { UpstreamErrorFactory } from '../http/create-upstream-error.js';
import type { WholeResponse } from '../http/collect-response.js';
import type { HttpRequest, HttpResponse, SendHttpRequest } from '../http/http-client.js';
import type { ProviderCallContext } from './provider-adapter.js';

/** A sent call whose 2xx response is still to be read. */
export interface ProviderCall {
  response: HttpResponse;
  /** Values to scrub from any error message built later (mid-stream errors). */
  secrets: ReadonlyArray<string | undefined>;
}

/** A sent call whose 2xx body was read whole. */
export interface WholeProviderCall {
  response: WholeResponse;
  secrets: ReadonlyArray<string | undefined>;
}

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';
type Body = string | Buffer | Readable | undefined;

/** What every send takes, in order: named once for both senders and the type that holds either. */
type SendArguments = [
  context: ProviderCallContext,
  method: Method,
  url: string,
  headers: Record<string, string>,
  body: Body,
  createError: UpstreamErrorFactory,
  secrets: ReadonlyArray<string | undefined>,
];

/** sendProviderRequest or sendProviderRequestWhole: how a provider's sender reads the reply. */
export type ProviderSender<Call> = (...args: SendArguments) => Promise<Call>;

// Arrow functions typed by the tuple: the parameters stay plain (no rest array per call).
export const sendProviderRequest: (...args: [...SendArguments, send?: SendHttpRequest]) => Promise<ProviderCall> = (
  context,
  method,
  url,
  headers,
  body,
  createError,
  secrets,
  send,
) => {
  const request = httpRequestOf(context, method, url, headers, body);
  return checked(send === undefined ? context.http.send(request) : send(request), context, createError, secrets);
};

/** sendProviderRequest for a reply read whole (a complete JSON answer): no body stream is built. */
export const sendProviderRequestWhole: ProviderSender<WholeProviderCall> = (context, method, url, headers, body, createError, secrets) =>
  checked(context.http.sendWhole(httpRequestOf(context, method, url, headers, body)), context, createError, secrets);

/** The call, or its non-2xx answer thrown as the provider's typed error. */
async function checked<Response extends HttpResponse | WholeResponse>(
  sent: Promise<Response>,
  context: ProviderCallContext,
  createError: UpstreamErrorFactory,
  secrets: ReadonlyArray<string | undefined>,
): Promise<{ response: Response; secrets: ReadonlyArray<string | undefined> }> {
  const response = await sent;
  if (response.status < 200 || response.status >= 300) {
    throw await createError(response, { provider: context.provider, model: context.model, secrets });
  }
  return { response, secrets };
}

function httpRequestOf(context: ProviderCallContext, method: Method, url: string, headers: Record<string, string>, body: Body): HttpRequest {
  return {
    url,
    method,
    headers,
    body,
    signal: context.signal,
    timeoutMs: context.timeoutMs,
    idleTimeoutMs: context.streamIdleTimeoutMs,
    provider: context.provider,
    model: context.model,
  };
}
