// Per-request state shared by the edge, the hooks and the operation: who asked, what the
// reply carries, and the call record read once when the request ends.

import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CallRecord } from '../core/call-record.js';
import type { Identity } from '../governance/identity.js';
import { requestIdFor } from './request-id.js';

/** The call record under its first name, kept for the log writer and the spend row builder. */
export type RequestLogFields = CallRecord;

/** What the operation serving a request is called in spend rows, callbacks and traces. */
export interface OperationNames {
  readonly name: string;
  /** The spend row's and callbacks' `call_type`, as LiteLLM names it (`acompletion`, ...). */
  readonly callType: string;
  /** OpenTelemetry's gen_ai.operation.name (`chat`, `embeddings`). */
  readonly traceName: string;
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
  /** The typed call record every hook reads and writes (see core/call-record.ts). */
  readonly call: CallRecord;
  /** The same object as `call`, under the name the log writer and spend row builder read. */
  readonly log: CallRecord;
  /** Set when an operation serves the request. */
  operation: OperationNames | undefined;
  /** Path parameters of a route such as `/v1/responses/{id}`. */
  params: Readonly<Record<string, string>> | undefined;
  /** Who is calling; set by the authentication hook (absent when no master key is configured). */
  identity?: Identity | undefined;
}

export function createRequestContext(request: IncomingMessage, response: ServerResponse, startedAt: number): RequestContext {
  const url = request.url ?? '/';
  const query = url.indexOf('?');
  const id = requestIdFor(request.headers);
  const record: CallRecord = {};
  return {
    id,
    method: request.method ?? 'GET',
    path: query === -1 ? url : url.slice(0, query),
    request,
    response,
    startedAt,
    headers: { 'x-request-id': id, 'x-litellm-call-id': id },
    call: record,
    log: record,
    operation: undefined,
    params: undefined,
    // Present from the start so setting it later keeps the object's shape stable.
    identity: undefined,
  };
}
