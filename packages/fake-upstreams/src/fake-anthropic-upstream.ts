// A fake Anthropic Messages API on 127.0.0.1:0. It checks what the real API would reject
// for the things llmux relies on (key, version header, max_tokens, thinking blocks sent
// back, cache marks, documents, top_k, web search: fake-anthropic-request.ts), plays the
// prompt cache when the request marks breakpoints (fake-prompt-cache.ts), answers with a
// message or an exactly framed event stream, and injects errors and dropped connections on
// demand.

import type { FakeChatReply } from './fake-chat-reply.js';
import { anthropicErrorBody, createFakeAnthropicMessage } from './fake-anthropic-message.js';
import { checkFakeClaudeThinking, isFakeThinkingOn, toFakeClaudeTurns } from './fake-claude-thinking.js';
import { createFakeAnthropicEvents, frameEvent } from './fake-anthropic-stream.js';
import { sendJson, startFakeServer, type FakeServer, type RecordedRequest } from './start-fake-server.js';
import { sendFakeSseReply } from './send-fake-sse-reply.js';
import { isRecord } from './is-record.js';
import { checkFakeAnthropicRequest, fakeAnthropicSegments } from './fake-anthropic-request.js';
import { FakePromptCache, withFakeCacheUsage } from './fake-prompt-cache.js';

export interface FakeAnthropicOptions {
  /** When set, requests must carry this `x-api-key`. */
  apiKey?: string;
  /** The reply to each request; defaults to the text `Hello from <model>`. */
  reply?: (request: RecordedRequest) => FakeChatReply;
}

/** Anthropic reports a failure after the 200 as an `error` event. */
const overloadedFrame = (): string => frameEvent('error', { error: { type: 'overloaded_error', message: 'Overloaded' } });

export function startFakeAnthropicUpstream(options: FakeAnthropicOptions = {}): Promise<FakeServer> {
  let served = 0;
  const cache = new FakePromptCache();
  return startFakeServer(async (request, response) => {
    served += 1;
    const requestId = `req_fake${String(served).padStart(6, '0')}`;
    const fail = (status: number, type: string, message: string): void => sendJson(response, status, anthropicErrorBody(type, message, requestId), { 'request-id': requestId });

    const path = request.url.split('?')[0];
    if (request.method !== 'POST' || path !== '/v1/messages') return fail(404, 'not_found_error', 'Not found');
    if (options.apiKey !== undefined && presentedKey(request) !== options.apiKey) {
      return fail(401, 'authentication_error', 'invalid x-api-key');
    }
    if (request.headers['anthropic-version'] === undefined) {
      return fail(400, 'invalid_request_error', 'anthropic-version: header is required');
    }
    const body = request.json;
    if (!isRecord(body)) return fail(400, 'invalid_request_error', 'request body must be a JSON object');
    if (typeof body['model'] !== 'string') return fail(400, 'invalid_request_error', 'model: Field required');
    if (typeof body['max_tokens'] !== 'number') return fail(400, 'invalid_request_error', 'max_tokens: Field required');
    if (!Array.isArray(body['messages'])) return fail(400, 'invalid_request_error', 'messages: Field required');
    const thinkingError = checkFakeClaudeThinking(toFakeClaudeTurns(body['messages']), isFakeThinkingOn(body['thinking']));
    if (thinkingError !== undefined) return fail(400, 'invalid_request_error', thinkingError);
    const invalid = checkFakeAnthropicRequest(body);
    if (invalid !== undefined) return fail(400, 'invalid_request_error', invalid);

    const model = body['model'];
    const given = options.reply?.(request) ?? { content: `Hello from ${model}` };
    if (given.error !== undefined) {
      return sendJson(response, given.error.status, given.error.body, { 'request-id': requestId, ...given.error.headers });
    }
    const reply = withFakeCacheUsage(given, cache, () => fakeAnthropicSegments(body));

    const messageId = `msg_fake${String(served).padStart(6, '0')}`;
    const headers = { 'request-id': requestId };
    if (body['stream'] !== true) return sendJson(response, 200, createFakeAnthropicMessage(messageId, model, reply), headers);
    return sendFakeSseReply(response, createFakeAnthropicEvents(messageId, model, reply), reply, overloadedFrame, headers);
  });
}

/**
 * The API takes the key as `x-api-key` (llmux, older SDKs) or as a bearer token (what
 * @anthropic-ai/sdk 1.x sends), so the fake accepts both.
 */
function presentedKey(request: RecordedRequest): string | undefined {
  const header = request.headers['x-api-key'];
  if (typeof header === 'string') return header;
  const authorization = request.headers.authorization;
  return authorization?.startsWith('Bearer ') === true ? authorization.slice('Bearer '.length) : undefined;
}
