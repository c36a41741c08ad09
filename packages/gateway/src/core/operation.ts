// An operation: one kind of call (chat, embeddings, messages, ...), declared once. The route
// table, the names in spend rows, callbacks and traces, and the hooks each call runs are all
// built from the list of operations (core/operations/index.ts).

import type { IncomingMessage } from 'node:http';
import type { Router } from 'llmux';
import type { z } from 'zod';
import type { HttpMethod } from '../http/route.js';
import type { OperationNames, RequestContext } from '../http/request-context.js';
import type { CallAccounting, CallTicket } from '../spend/call-accounting.js';
import type { Dialect } from './dialect.js';
import type { OpenStreams } from './open-streams.js';
import type { ReplyCapture } from './reply-capture.js';
import type { ReplyHook } from './reply-hooks.js';
import type { StoredResponses } from '../responses-store/stored-responses.js';

/** A request body's schema, and a quick yes for everyday bodies before zod. */
export interface RequestShape {
  schema: z.ZodType;
  /** True only for bodies the schema certainly accepts; the schema decides the rest. */
  accepts?: (body: unknown) => boolean;
}

export interface OperationDependencies {
  router: Router;
  /** Request bodies above this many bytes are refused with 413. */
  bodyLimitBytes: number;
  /** Rate limits, budgets and spend around each call (absent: none). */
  accounting?: CallAccounting | undefined;
  /** Streams in flight, so close() can end them in their dialect and bill them. */
  streams: OpenStreams;
  /** Stored Responses (POST /v1/responses keeps them; previous_response_id reads them). */
  storedResponses?: StoredResponses | undefined;
  /**
   * False: chat calls to deployments that speak OpenAI chat are translated like any other
   * (`general_settings.chat_passthrough: false`); absent or true, they pass through.
   */
  chatPassthrough?: boolean | undefined;
}

/** One call as it goes through the hooks: they read and may replace `body`. */
export interface CallState {
  readonly context: RequestContext;
  readonly operation: Operation;
  readonly dependencies: OperationDependencies;
  /** The validated request body (an object, with a string `model`). */
  body: Record<string, unknown>;
  /**
   * The body's bytes as the client sent them and the object they parsed to: while `body` is
   * still that object (hooks replace the body, never change it in place), a passthrough
   * patches `model` in the bytes instead of serialising `body` again (sentBytesOf). Undefined
   * for operations that read their own request (forms).
   */
  sent?: { readonly bytes: Buffer; readonly body: Readonly<Record<string, unknown>> } | undefined;
  /** The admission a limits-and-budgets hook took, settled by its post hook. */
  ticket: CallTicket | undefined;
  /** Set by a hook that needs the reply (the response cache); the operation hands it over. */
  capture?: ReplyCapture | undefined;
  /**
   * Set by a pre hook that must see this call's reply as an object (guardrails on the output,
   * a `post_call` check): the call is translated, never passed through as bytes. A `capture`
   * implies it. Declared per call, so calls no such hook watches keep the passthrough.
   */
  needsParsedReply?: boolean | undefined;
  /**
   * Hooks that see the reply before it is written and may change or refuse it, per chunk
   * and at the end of a stream (core/reply-hooks.ts). Only on operations that declare
   * `servesReplyHooks`; they imply `needsParsedReply`.
   */
  replyHooks?: ReplyHook[] | undefined;
}

export interface Operation {
  readonly names: OperationNames;
  readonly method: HttpMethod;
  readonly paths: readonly string[];
  readonly dialect: Dialect;
  readonly request: RequestShape;
  /**
   * Reads the body into the object the schema checks; absent, the body is JSON. Multipart
   * operations (images/edits, audio) read their form with http/read-multipart.ts.
   */
  readonly readRequest?: (request: IncomingMessage, bodyLimitBytes: number) => Promise<unknown>;
  /** Admitted against limits and budgets and written to the spend log (count_tokens is not). */
  readonly billed: boolean;
  /** Its serve runs the call's `replyHooks` (chat, messages, responses); others never get any. */
  readonly servesReplyHooks?: boolean;
  /**
   * Calls the Router and answers in the dialect, writing usage, cost and the routed
   * deployment to the call record; resolves false when the call failed after answering.
   */
  serve(state: CallState): Promise<boolean>;
}

/** The client's bytes of `state.body`, while no hook has replaced it. */
export function sentBytesOf(state: CallState): Buffer | undefined {
  return state.sent !== undefined && state.sent.body === state.body ? state.sent.bytes : undefined;
}
