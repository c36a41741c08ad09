// Per-request state shared by the edge, the pre-hooks and the route: who asked, what the
// reply carries, and the fields of the one log line written when the request ends.

import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Identity } from '../governance/identity.js';
import { requestIdFor } from './request-id.js';

export interface RequestLogFields {
  modelGroup?: string;
  deploymentId?: string;
  provider?: string;
  stream?: boolean;
  promptTokens?: number;
  completionTokens?: number;
  /** Prompt tokens read from the provider's prompt cache. */
  cachedTokens?: number;
  /** The model id at the provider (gen_ai.response.model). */
  upstreamModel?: string;
  /** Milliseconds the upstream call took (to the end of a stream), as the SDK measured it. */
  upstreamLatencyMs?: number;
  /** Retries and fallback groups the router tried before the call succeeded. */
  attemptedRetries?: number;
  attemptedFallbacks?: number;
  /** Milliseconds from arrival to the first streamed chunk written to the client. */
  timeToFirstTokenMs?: number;
  cost?: number | null;
  errorClass?: string;
  errorMessage?: string;
  /** A non-LlmuxError: logged with its stack, since it is a gateway bug. */
  unexpectedError?: unknown;
}

export interface RequestContext {
  readonly id: string;
  readonly method: string;
  /** The URL path without its query string. */
  readonly path: string;
  readonly request: IncomingMessage;
  readonly response: ServerResponse;
  /** performance.now() when the request arrived. */
  readonly startedAt: number;
  /** Headers every reply carries (request id, ...); routes add theirs before writing. */
  readonly headers: Record<string, string | number>;
  readonly log: RequestLogFields;
  /** Who is calling; set by the authentication hook (absent when no master key is configured). */
  identity?: Identity | undefined;
}

export function createRequestContext(request: IncomingMessage, response: ServerResponse, startedAt: number): RequestContext {
  const url = request.url ?? '/';
  const query = url.indexOf('?');
  const id = requestIdFor(request.headers);
  return {
    id,
    method: request.method ?? 'GET',
    path: query === -1 ? url : url.slice(0, query),
    request,
    response,
    startedAt,
    headers: { 'x-request-id': id, 'x-litellm-call-id': id },
    log: {},
    // Present from the start so setting it later keeps the object's shape stable.
    identity: undefined,
  };
}
