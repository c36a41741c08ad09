// The pre/post hook pair every whole-reply cache shares (chat, messages, responses): the pre
// hook looks the call up and lets the caller answer a hit; a miss keeps the bytes sent to the
// client (see capture-response-bytes.ts), and the post hook hands them back once the reply ran
// whole. What a key covers, how a hit is written and what a reply stores as stay with the caller.

import type { PostCallHook, PreCallHook } from '../core/hooks.js';
import type { CallState } from '../core/operation.js';
import { captureResponseBytes, MAX_CAPTURED_BYTES, type CapturedBytes } from './capture-response-bytes.js';
import type { CachedCall, ResponseCache } from './create-response-cache.js';

export interface ReplyCacheParts {
  /** The call's cache key, or undefined to leave this call uncached. */
  keyOf(state: CallState, call: CachedCall): string | undefined;
  /** Writes the cached reply (`hit`, as stored) to the client. */
  answerHit(state: CallState, hit: string): Promise<void>;
  /** The text to store for a whole 200 reply sent as `sent`, or undefined to store nothing. */
  storedText(state: CallState, sent: string): string | undefined;
}

export function createReplyCacheHooks(cache: ResponseCache, parts: ReplyCacheParts): { pre: PreCallHook; post: PostCallHook } {
  /** Replies being watched, until the post hook stores or drops them. */
  const watched = new WeakMap<CallState, { key: string; call: CachedCall; captured: CapturedBytes }>();
  const pre: PreCallHook = async (state) => {
    const call = cache.prepare(state);
    if (call === undefined) return undefined;
    const key = parts.keyOf(state, call);
    if (key === undefined) return undefined;
    const hit = await cache.findHit(state, key, call);
    if (hit !== undefined) {
      await parts.answerHit(state, hit);
      return { answered: true };
    }
    if (!call.controls.noStore) watched.set(state, { key, call, captured: captureResponseBytes(state.context.response, MAX_CAPTURED_BYTES) });
    return undefined;
  };
  const post: PostCallHook = (state, failed) => {
    const watch = watched.get(state);
    if (watch === undefined) return;
    watched.delete(state);
    const { context } = state;
    // Only a whole answer: not an error, not a stream cut short (hang-up, upstream break, shutdown).
    if (failed || context.call.callEnd !== undefined || context.response.statusCode !== 200) return;
    const sent = watch.captured.text();
    if (sent === undefined) return;
    const stored = parts.storedText(state, sent);
    if (stored !== undefined) cache.save(watch.key, stored, watch.call);
  };
  return { pre, post };
}
