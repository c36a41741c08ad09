// One attempt of a client dialect other than chat (/v1/messages, /v1/responses) on the
// deployment the Router picked: the body as the client sent it when the deployment speaks the
// dialect itself, else the canonical chat request the dialect converts to, with the
// conversion's warnings on the result. What the native body holds and how the dialect
// converts stay with its call class.

import {
  COMPLETION_BODY_KEYS,
  completeCall,
  nativeCallSplit,
  speaksNatively,
  type ChatCompletionRequest,
  type CompletionRequest,
  type CompletionResponse,
  type CompletionStream,
  type NativeReply,
  type NativeRequest,
  type RouterTarget,
} from 'llmux';

export type DialectReply = NativeReply | CompletionResponse | CompletionStream;

export interface DialectAttempt {
  dialect: NativeRequest['dialect'];
  signal: AbortSignal | undefined;
  /** A hook must read the reply (core/reply-hooks.ts): translated even where the deployment speaks the dialect. */
  translate: boolean;
  /** The request a deployment speaking the dialect gets from this target. */
  native(target: RouterTarget): NativeRequest;
  /** The canonical request, and warnings for what it could not carry. */
  convert(dropParams: boolean): { request: ChatCompletionRequest; warnings: readonly string[] };
}

const MODEL_ONLY: ReadonlySet<string> = new Set(['model']);

export function attemptDialectCall(target: RouterTarget, attempt: DialectAttempt): Promise<DialectReply> {
  const signalArgs = attempt.signal === undefined ? {} : { signal: attempt.signal };
  const split = target.split<{ model: string }>(signalArgs, MODEL_ONLY);
  if (!attempt.translate && speaksNatively(split.body.model, attempt.dialect, split.options.registry)) return nativeCallSplit(split, attempt.native(target));
  const { request, warnings } = attempt.convert(split.options.drop_params === true);
  const call = target.split<CompletionRequest>({ ...request, ...signalArgs }, COMPLETION_BODY_KEYS);
  return completeCall(call).then((result) => {
    if (warnings.length > 0) result.llmux.warnings.push(...warnings);
    return result;
  });
}
