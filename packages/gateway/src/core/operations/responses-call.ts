// One /v1/responses attempt on the deployment the Router picked: passed through untouched
// when the deployment speaks the Responses API itself (OpenAI, Azure), else translated to
// the canonical chat request and back by the SDK's dialect functions. Either way the Router
// retries and falls back until the first content.

import {
  COMPLETION_BODY_KEYS,
  completeCall,
  convertResponsesRequest,
  nativeCallSplit,
  speaksNatively,
  type ChatCompletionRequest,
  type CompletionRequest,
  type ResponsesRequest,
  type RouterTarget,
} from 'llmux';
import { ROUTING_FIELDS, withoutRoutingFields, type MessagesReply } from './messages-call.js';

/** Fields the gateway reads itself on a bridged call: routing, and `store` (see below). */
const CALLER_FIELDS: ReadonlySet<string> = new Set([...ROUTING_FIELDS, 'store']);

const MODEL_ONLY: ReadonlySet<string> = new Set(['model']);
const NO_HEADERS: Readonly<Record<string, string>> = {};

export type ResponsesReply = MessagesReply;

export class ResponsesCall {
  /** The canonical request of the last translated attempt (to count a cut stream's prompt). */
  converted: ChatCompletionRequest | undefined;
  private readonly nativeBody: Record<string, unknown>;

  constructor(
    private readonly body: Record<string, unknown>,
    private readonly signal: AbortSignal | undefined,
  ) {
    this.nativeBody = withoutRoutingFields(body);
  }

  get stream(): boolean {
    return this.body['stream'] === true;
  }

  readonly attempt = (target: RouterTarget): Promise<ResponsesReply> => {
    const signalArgs = this.signal === undefined ? {} : { signal: this.signal };
    const split = target.split<{ model: string }>(signalArgs, MODEL_ONLY);
    if (speaksNatively(split.body.model, 'openai-responses', split.options.registry)) {
      return nativeCallSplit(split, { dialect: 'openai-responses', body: this.nativeBody, stream: this.stream, headers: NO_HEADERS });
    }
    const { request, warnings } = convertResponsesRequest(this.body as unknown as ResponsesRequest, {
      dropParams: split.options.drop_params === true,
      callerFields: CALLER_FIELDS,
    });
    // The gateway keeps no bridged responses yet: OpenAI's default (store: true) is not met, and says so.
    if (this.body['store'] !== false) warnings.push('not stored: llmux keeps no responses of bridged deployments yet (previous_response_id is refused)');
    this.converted = request;
    const call = target.split<CompletionRequest>({ ...request, ...signalArgs }, COMPLETION_BODY_KEYS);
    return completeCall(call).then((result) => {
      if (warnings.length > 0) result.llmux.warnings.push(...warnings);
      return result;
    });
  };
}
