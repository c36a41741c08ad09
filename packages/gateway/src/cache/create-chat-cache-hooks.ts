// The response cache on the chat operation. The pre hook looks the call up (unless
// `no-cache`) and answers a hit itself, as JSON or replayed as a stream, with no upstream
// call; a miss keeps the bytes sent to the client (so a passed-through reply stays passed
// through, see capture-response-bytes.ts). A complete reply is stored as sent; a stream is
// stored once it ran to its end, reassembled into one completion, so either form serves the other.

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
import { createReplyCacheHooks } from './create-reply-cache-hooks.js';
import type { ResponseCache } from './create-response-cache.js';
import { parseSseEvents } from './parse-sse-events.js';

const OPENAI_SSE = { chunk: encodeSseData, end: () => SSE_DONE };

export function createChatCacheHooks(cache: ResponseCache): { pre: PreCallHook; post: PostCallHook } {
  return createReplyCacheHooks(cache, {
    keyOf: (_state, call) => createCacheKey(call.body, call.scopeId, call.namespace),
    answerHit: (state, hit) => answerHit(state, JSON.parse(hit) as ChatCompletion),
    storedText(state, sent) {
      // A 200 JSON reply is a completion: kept as the text sent, with no parse on the miss path.
      if (state.body['stream'] !== true) return sent.startsWith('{') ? sent : undefined;
      const completion = completionOfStream(sent);
      return completion === undefined ? undefined : JSON.stringify(completion);
    },
  });
}

/** A stream's chunks reassembled; undefined when it carried an error event (OpenAI sends one as data). */
function completionOfStream(text: string): ChatCompletion | undefined {
  const chunks: ChatCompletionChunk[] = [];
  for (const { data } of parseSseEvents(text)) {
    if (data['error'] !== undefined || !Array.isArray(data['choices'])) return undefined;
    // Checked above as far as the reassembly reads: an object with a choices list, as OpenAI's chunks are.
    chunks.push(data as unknown as ChatCompletionChunk);
  }
  return convertChunksToCompletion(chunks);
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
