// One /v1/messages attempt on the deployment the Router picked: passed through untouched
// when the deployment speaks Anthropic Messages itself (Anthropic, Claude on Bedrock and
// Vertex), else translated to the canonical chat request and back by the SDK's dialect
// functions. Either way the Router retries and falls back until the first content.

import { convertAnthropicMessagesRequest, type AnthropicMessagesRequest, type ChatCompletionRequest, type RouterTarget } from 'llmux';
import { attemptDialectCall, type DialectReply } from './attempt-dialect-call.js';

/** LiteLLM routing fields a client may add to the body: the gateway reads them, providers never see them. */
export const ROUTING_FIELDS: ReadonlySet<string> = new Set(['fallbacks', 'num_retries', 'tags']);

/** Client headers of the Anthropic dialect forwarded to a native deployment. */
const FORWARDED_HEADERS = ['anthropic-version', 'anthropic-beta'] as const;

export type MessagesReply = DialectReply;

export class MessagesCall {
  /** The canonical request of the last translated attempt (to count a cut stream's prompt). */
  converted: ChatCompletionRequest | undefined;
  private readonly nativeBody: Record<string, unknown>;
  private readonly headers: Record<string, string>;

  constructor(
    private readonly body: Record<string, unknown>,
    requestHeaders: Readonly<Record<string, string | string[] | undefined>>,
    private readonly signal: AbortSignal | undefined,
    /** A hook must read the reply (core/reply-hooks.ts): translated even where the deployment speaks Messages. */
    private readonly translate = false,
    /** The client's bytes of `body` (sentBytesOf): passed on while the native body is `body` itself. */
    private readonly bytes: Buffer | undefined = undefined,
  ) {
    this.nativeBody = withoutRoutingFields(body);
    this.headers = {};
    for (const name of FORWARDED_HEADERS) {
      const value = requestHeaders[name];
      if (typeof value === 'string') this.headers[name] = value;
    }
  }

  get stream(): boolean {
    return this.body['stream'] === true;
  }

  readonly attempt = (target: RouterTarget): Promise<MessagesReply> =>
    attemptDialectCall(target, {
      dialect: 'anthropic-messages',
      signal: this.signal,
      translate: this.translate,
      native: () => ({
        dialect: 'anthropic-messages',
        body: this.nativeBody,
        bytes: this.nativeBody === this.body ? this.bytes : undefined,
        stream: this.stream,
        headers: this.headers,
      }),
      convert: (dropParams) => {
        // The operation's zod schema validated the body as this request shape.
        const converted = convertAnthropicMessagesRequest(this.body as unknown as AnthropicMessagesRequest, { dropParams, callerFields: ROUTING_FIELDS });
        this.converted = converted.request;
        return converted;
      },
    });
}

/** The body without the gateway's routing fields (a copy only when it has any). */
export function withoutRoutingFields(body: Record<string, unknown>): Record<string, unknown> {
  let copy: Record<string, unknown> | undefined;
  for (const field of ROUTING_FIELDS) {
    if (body[field] === undefined) continue;
    copy ??= { ...body };
    delete copy[field];
  }
  return copy ?? body;
}
