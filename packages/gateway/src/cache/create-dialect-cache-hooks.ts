// The response cache on an operation of another client dialect (/v1/messages, /v1/responses):
// the pre hook looks the call up and answers a hit in the dialect, as JSON or as its event
// stream; a miss keeps the bytes sent to the client (see capture-response-bytes.ts), and the
// post hook stores the reply once it ran whole: a JSON reply as sent, a stream reassembled,
// so either form serves the other. Passed-through replies are stored as the provider sent
// them, so a hit answers identically apart from the id.

import type { PostCallHook, PreCallHook } from '../core/hooks.js';
import type { CallState } from '../core/operation.js';
import { writeStream, type StreamEncoder } from '../core/write-stream.js';
import { sendJson } from '../http/send-json.js';
import type { CachedDialect, DialectReply } from './cached-dialect.js';
import { createCacheKey } from './create-cache-key.js';
import { createReplyCacheHooks } from './create-reply-cache-hooks.js';
import type { ResponseCache } from './create-response-cache.js';
import { parseSseEvents } from './parse-sse-events.js';

const PASS_TEXT: StreamEncoder<string> = { chunk: (text) => text, end: () => '' };

export function createDialectCacheHooks(cache: ResponseCache, dialect: CachedDialect): { pre: PreCallHook; post: PostCallHook } {
  return createReplyCacheHooks(cache, {
    keyOf(state, call) {
      // A background response is answered later by its id: there is nothing to replay.
      if (call.body['background'] === true || dialect.cacheable?.(call.body) === false) return undefined;
      // The operation is in the key: the same fields can form a chat and a messages request.
      return createCacheKey({ ...call.body, '\u0000operation': state.operation.names.name }, call.scopeId, call.namespace);
    },
    answerHit: (state, hit) => answerHit(state, dialect, dialect.renew(JSON.parse(hit) as DialectReply)),
    storedText(state, sent) {
      const reply = state.body['stream'] === true ? dialect.fromEvents(parseSseEvents(sent).map((event) => event.data)) : parseObject(sent);
      return reply === undefined ? undefined : JSON.stringify(reply);
    },
  });
}

async function answerHit(state: CallState, dialect: CachedDialect, reply: DialectReply): Promise<void> {
  const { context } = state;
  if (state.body['stream'] !== true) {
    sendJson(context, 200, JSON.stringify(reply));
    return;
  }
  const frames = dialect.toEvents(reply);
  const replay = Object.assign(
    (async function* () {
      yield* frames;
    })(),
    { cancel: () => Promise.resolve() },
  );
  await writeStream(context, replay, { dialect: state.operation.dialect, encoder: PASS_TEXT, streams: state.dependencies.streams });
}

function parseObject(text: string): DialectReply | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as DialectReply) : undefined;
  } catch {
    return undefined;
  }
}
