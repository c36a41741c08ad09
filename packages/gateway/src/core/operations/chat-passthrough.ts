// The chat door's passthrough: which calls may go through as bytes, and how their reply is
// written so that the client gets what the translated path writes for the same upstream
// reply (same status, headers and framing; the upstream's fields as it sent them).

import type { NativeJsonReply, RouterCompletionParams } from 'llmux';
import type { RequestContext } from '../../http/request-context.js';
import { clientGone } from '../../http/client-gone.js';
import type { CallState } from '../operation.js';
import { recordUsage, setCostHeader } from '../record-routed-call.js';
import { withoutNullFingerprint } from './chat-schema-conform.js';

/** The text an OpenAI chat delta carries (content, reasoning, tool arguments), to bill a cut stream. */
export const OPENAI_CHAT_DELTA_TEXT = /"(?:content|reasoning_content|arguments)":"((?:[^"\\]|\\.)*)"/g;

/**
 * Whether this call may pass through: passthrough is on, no hook needs the reply as an
 * object (a cache store, output guardrails), it is not a fastest-response race, and nothing
 * in it is something the translated call would change (earlier assistant turns'
 * `reasoning_content` and `thinking_blocks`, which OpenAI-format servers refuse, are left out
 * by the translation).
 */
export function mayPassChatThrough(state: CallState, request: RouterCompletionParams): boolean {
  if (state.dependencies.chatPassthrough === false || state.capture !== undefined || state.needsParsedReply === true) return false;
  if (request.fastest_response === true) return false;
  for (const message of request.messages) {
    if (message.role === 'assistant' && (message.reasoning_content !== undefined || message.thinking_blocks !== undefined)) return false;
  }
  return true;
}

/** `{"id":"chatcmpl-…"` (or a stream's `data: {"id":…`) at the head of a reply: OpenAI writes the id first. */
const LEADING_ID = /^\s*(?:data: ?)?\{\s*"id"\s*:\s*"([^"\\]{1,256})"/;
/** Enough bytes of a reply's head to hold its id. */
const HEAD_BYTES = 320;

/** The reply's id from its first bytes, without parsing the rest; undefined where it is not first. */
export function leadingReplyId(bytes: Buffer): string | undefined {
  return LEADING_ID.exec(bytes.toString('latin1', 0, Math.min(bytes.length, HEAD_BYTES)))?.[1];
}

/** A passed-through chat.completion: the upstream's body, with the headers sendJson writes. */
export function sendChatBytes(context: RequestContext, reply: NativeJsonReply): void {
  recordUsage(context, reply.usage, reply.llmux.cost);
  setCostHeader(context, reply.llmux.cost);
  const body = withoutNullFingerprint(reply.body);
  const id = leadingReplyId(body);
  if (id !== undefined) context.call.responseId = id;
  // The upstream answered: a client gone by now still owes what it asked for.
  if (clientGone(context.response)) {
    context.call.callEnd = 'client_disconnected';
    return;
  }
  const headers = context.headers;
  headers['content-type'] = 'application/json';
  headers['content-length'] = body.length;
  context.response.writeHead(200, headers);
  context.response.end(body);
}
