// One /v1/chat/completions attempt, for a call that may pass through (mayPassChatThrough),
// on the deployment the Router picked: passed through when the deployment speaks OpenAI chat
// with nothing the translation would leave out (speaksNatively, asTranslated), else the
// SDK's completion(). Either way the Router retries and falls back
// until the first content, as for every other call.

import {
  COMPLETION_BODY_KEYS,
  completeCall,
  nativeCallSplit,
  speaksNatively,
  type CompletionRequest,
  type CompletionResponse,
  type CompletionStream,
  type NativeReply,
  type RouterTarget,
} from 'llmux';

export type ChatReply = NativeReply | CompletionResponse | CompletionStream;

const NO_HEADERS: Readonly<Record<string, string>> = {};
/** Deployments whose replies carry more than the translated answer (Azure's content filters) are translated. */
const AS_TRANSLATED = true;

export class ChatCall {
  constructor(
    /** The client's fields llmux does not know, forwarded as sent; undefined when none. */
    private readonly extras: Record<string, unknown> | undefined,
    private readonly stream: boolean,
    /** The client's bytes, when the door kept every field as sent; `sent` is their parse. */
    private readonly bytes: Buffer | undefined,
    private readonly sent: Readonly<Record<string, unknown>>,
  ) {}

  readonly attempt = (target: RouterTarget, rest: object): Promise<ChatReply> => {
    // The deployment's defaults, then the client's known fields, as the translated call builds
    // its body: the passed-through body is the same fields, without the SDK's conversion.
    const call = target.split<CompletionRequest>(rest, COMPLETION_BODY_KEYS);
    // The SDK's checkParams then forwards, drops (drop_params) or refuses each extra.
    if (this.extras !== undefined) Object.assign(call.body, this.extras);
    if (speaksNatively(call.body.model, 'openai-chat', call.options.registry, AS_TRANSLATED)) {
      const body = call.body as Record<string, unknown>;
      const bytes = this.bytes !== undefined && sameFieldsButModel(body, this.sent) ? this.bytes : undefined;
      return nativeCallSplit(call, { dialect: 'openai-chat', body, bytes, stream: this.stream, headers: NO_HEADERS });
    }
    return completeCall(call);
  };
}

/**
 * Whether the body to send holds exactly the client's fields, the same values, but for
 * `model` (the deployment's) and `stream` (set by the door): a deployment's own body
 * defaults (temperature, max_tokens in litellm_params) make it differ from the client's bytes.
 */
function sameFieldsButModel(body: Readonly<Record<string, unknown>>, sent: Readonly<Record<string, unknown>>): boolean {
  let fields = 0;
  for (const name in body) {
    if (name === 'model' || name === 'stream') continue;
    if (body[name] !== sent[name]) return false;
    fields += 1;
  }
  for (const name in sent) if (name !== 'model' && name !== 'stream') fields -= 1;
  return fields === 0;
}
