// One /v1/responses attempt on the deployment the Router picked: passed through untouched
// when the deployment speaks the Responses API itself (OpenAI, Azure), else translated to
// the canonical chat request and back by the SDK's dialect functions. Either way the Router
// retries and falls back until the first content. A call continuing a stored conversation
// (previous_response_id) carries the earlier turns as input, except to the deployment that
// holds the previous Response itself, which gets the body unchanged.

import { convertResponsesRequest, type ChatCompletionRequest, type ResponsesRequest, type RouterTarget } from 'llmux';
import { forNativeReplay } from '../../responses-store/convert-stored-turns.js';
import { attemptDialectCall, type DialectReply } from './attempt-dialect-call.js';
import { ROUTING_FIELDS, withoutRoutingFields } from './messages-call.js';

/** Fields the gateway reads itself on a bridged call: routing, `store` and previous_response_id (stored Responses). */
const CALLER_FIELDS: ReadonlySet<string> = new Set([...ROUTING_FIELDS, 'store', 'previous_response_id']);

const NO_HEADERS: Readonly<Record<string, string>> = {};

export type ResponsesReply = DialectReply;

/** The stored conversation a call continues. */
export interface ResponsesContinuation {
  /** The earlier turns as input items, oldest first. */
  history: Record<string, unknown>[];
  /** The deployment that served the previous Response natively and holds it (else undefined). */
  holder: string | undefined;
}

type Body = Record<string, unknown>;

export class ResponsesCall {
  /** The canonical request of the last translated attempt (to count a cut stream's prompt). */
  converted: ChatCompletionRequest | undefined;
  private readonly nativeBody: Body;

  constructor(
    private readonly body: Body,
    private readonly signal: AbortSignal | undefined,
    private readonly continuation?: ResponsesContinuation,
    /** A hook must read the reply (core/reply-hooks.ts): translated even where the deployment speaks Responses. */
    private readonly translate = false,
    /** The client's bytes of `body` (sentBytesOf): passed on while the native body is `body` itself. */
    private readonly bytes: Buffer | undefined = undefined,
  ) {
    this.nativeBody = withoutRoutingFields(body);
  }

  get stream(): boolean {
    return this.body['stream'] === true;
  }

  readonly attempt = (target: RouterTarget): Promise<ResponsesReply> =>
    attemptDialectCall(target, {
      dialect: 'openai-responses',
      signal: this.signal,
      translate: this.translate,
      native: (chosen) => {
        const body =
          this.continuation === undefined || this.continuation.holder === chosen.deployment.id
            ? this.nativeBody
            : withHistory(this.nativeBody, forNativeReplay(this.continuation.history));
        return { dialect: 'openai-responses', body, bytes: body === this.body ? this.bytes : undefined, stream: this.stream, headers: NO_HEADERS };
      },
      convert: (dropParams) => {
        const body = this.continuation === undefined ? this.body : withHistory(this.body, this.continuation.history);
        // The operation's zod schema validated the body as this request shape.
        const converted = convertResponsesRequest(body as unknown as ResponsesRequest, { dropParams, callerFields: CALLER_FIELDS });
        this.converted = converted.request;
        return converted;
      },
    });
}

/** The body with the earlier turns before its own input, and no previous_response_id. */
function withHistory(body: Body, history: readonly Body[]): Body {
  const { previous_response_id: _previous, ...rest } = body;
  const input = body['input'];
  const own = typeof input === 'string' ? [{ type: 'message', role: 'user', content: input }] : Array.isArray(input) ? input : [];
  return { ...rest, input: [...history, ...own] };
}
