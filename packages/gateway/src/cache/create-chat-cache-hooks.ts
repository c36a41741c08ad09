// The response cache on the chat operation. The pre hook looks the call up (unless
// `no-cache`) and answers a hit itself, as JSON or replayed as a stream, with no upstream
// call; a miss watches the reply. A complete reply is stored as sent; a stream is stored
// once it ran to its end, reassembled into one completion, so either form serves the other.

import { randomUUID } from 'node:crypto';
import { encodeSseData, SSE_DONE, type ChatCompletion, type ChatCompletionChunk } from 'llmux';
import { openAIChatDialect } from '../core/dialects/openai-chat-dialect.js';
import type { PostCallHook, PreCallHook } from '../core/hooks.js';
import type { CallState } from '../core/operation.js';
import { sendJson } from '../http/send-json.js';
import { writeStream } from '../core/write-stream.js';
import { convertChunksToCompletion } from './convert-chunks-to-completion.js';
import { convertCompletionToChunks } from './convert-completion-to-chunks.js';
import { createCacheKey } from './create-cache-key.js';
import type { ResponseCache } from './create-response-cache.js';

const OPENAI_SSE = { chunk: encodeSseData, end: () => SSE_DONE };

/** Streams being watched, until the post hook stores or drops them. */
const watched = new WeakMap<CallState, { key: string; chunks: ChatCompletionChunk[]; save: (json: string) => void }>();

export function createChatCacheHooks(cache: ResponseCache): { pre: PreCallHook; post: PostCallHook } {
  const pre: PreCallHook = async (state) => {
    const call = cache.prepare(state);
    if (call === undefined) return undefined;
    const key = createCacheKey(call.body, call.scopeId, call.namespace);
    const hit = await cache.findHit(state, key, call);
    if (hit !== undefined) {
      await answerHit(state, JSON.parse(hit) as ChatCompletion);
      return { answered: true };
    }
    if (call.controls.noStore) return undefined;
    const save = (json: string): void => cache.save(key, json, call);
    if (call.body['stream'] === true) {
      const chunks: ChatCompletionChunk[] = [];
      watched.set(state, { key, chunks, save });
      state.capture = { reply: (result) => result, chunk: (chunk) => void chunks.push(chunk as ChatCompletionChunk) };
    } else {
      state.capture = {
        reply(result) {
          save(JSON.stringify(result));
          return result;
        },
        chunk: () => undefined,
      };
    }
    return undefined;
  };
  const post: PostCallHook = (state, failed) => {
    const stream = watched.get(state);
    if (stream === undefined) return;
    watched.delete(state);
    // A stream cut short (hang-up, upstream break, shutdown) is not a whole answer.
    if (failed || state.context.call.callEnd !== undefined) return;
    const completion = convertChunksToCompletion(stream.chunks);
    if (completion !== undefined) stream.save(JSON.stringify(completion));
  };
  return { pre, post };
}

/** The cached answer under a new id and time, in the form the request asked for. */
async function answerHit(state: CallState, cached: ChatCompletion): Promise<void> {
  const completion: ChatCompletion = { ...cached, id: `chatcmpl-${randomUUID()}`, created: Math.floor(Date.now() / 1000) };
  const { context } = state;
  if (state.body['stream'] !== true) {
    sendJson(context, 200, JSON.stringify(completion));
    return;
  }
  const options = state.body['stream_options'] as { include_usage?: unknown } | undefined;
  const chunks = convertCompletionToChunks(completion, options?.include_usage === true);
  const replay = Object.assign(
    (async function* () {
      yield* chunks;
    })(),
    { cancel: () => Promise.resolve() },
  );
  await writeStream(context, replay, {
    dialect: openAIChatDialect,
    encoder: OPENAI_SSE,
    streams: state.dependencies.streams,
  });
}
