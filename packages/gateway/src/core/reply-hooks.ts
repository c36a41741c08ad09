// Reply hooks: what a hook declares for one call when it must see the reply before it
// leaves (output guardrails, a check running beside the upstream call). They see the
// canonical reply (OpenAI chat's JSON, before the door's dialect converts it), so one hook
// serves chat, messages and responses alike; a call with reply hooks is translated, never
// passed through as bytes. A hook may change the reply in place or throw a typed error: on
// a complete reply, or before a stream's first chunk, the client gets that error's normal
// status in its dialect; after the first chunk, the dialect's terminal error event.
// Each step may return a promise (a guardrail service): it is awaited only then, so the
// path stays synchronous for hooks that answer from memory. Calls without reply hooks pay
// one property check (`state.replyHooks === undefined`).

import type { ChatCompletionChunk, CompletionResponse } from 'llmux';

export type HookStep = void | Promise<void>;

export interface ReplyHook {
  /** The complete reply before it is converted and written: change it in place, or throw to refuse it. */
  reply?(reply: CompletionResponse): HookStep;
  /** Each streamed chunk before it is written (throw to end the stream there). */
  chunk?(chunk: ChatCompletionChunk): HookStep;
  /** After the last chunk, before the stream's closing events (throw to end it with an error event). */
  end?(): HookStep;
  /**
   * False for a hook that only holds the reply back (a check started beside the call) and
   * never reads it. A hook that reads the reply keeps a cached reply from answering the call,
   * since the cached one may have been made for a caller the hook did not check.
   */
  readsReply?: boolean;
}

/** The hooks of one call as one, in order; a step returns a promise only when some hook did. */
export class ReplyHooks {
  constructor(private readonly hooks: readonly ReplyHook[]) {}

  reply(reply: CompletionResponse): HookStep {
    return this.run((hook) => hook.reply?.(reply));
  }

  readonly chunk = (chunk: ChatCompletionChunk): HookStep => this.run((hook) => hook.chunk?.(chunk));

  readonly end = (): HookStep => this.run((hook) => hook.end?.());

  private run(step: (hook: ReplyHook) => HookStep, from = 0): HookStep {
    for (let index = from; index < this.hooks.length; index += 1) {
      const result = step(this.hooks[index] as ReplyHook);
      if (result instanceof Promise) return result.then(() => this.run(step, index + 1));
    }
    return undefined;
  }
}

/** Adds a hook to the call's reply hooks (declared by pre hooks; the operation runs them). */
export function addReplyHook(state: { replyHooks?: ReplyHook[] | undefined; needsParsedReply?: boolean | undefined }, hook: ReplyHook): void {
  (state.replyHooks ??= []).push(hook);
  // The hooks read the canonical reply: the call is translated, never passed through as bytes.
  state.needsParsedReply = true;
}

/** The call's reply hooks as one, or undefined when it has none (the common case). */
export function replyHooksOf(state: { replyHooks?: ReplyHook[] | undefined }): ReplyHooks | undefined {
  return state.replyHooks === undefined || state.replyHooks.length === 0 ? undefined : new ReplyHooks(state.replyHooks);
}
