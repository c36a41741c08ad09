// A translated reply, in any dialect: a canonical completion converted to the dialect's JSON,
// or canonical chunks written through the dialect's stream encoder. A stream the upstream
// never reported usage for is billed for the text delivered and the prompt sent.

import type { ChatCompletionChunk, ChatMessage, CompletionResponse, CompletionStream } from 'llmux';
import { clientGone } from '../../http/client-gone.js';
import type { RequestContext } from '../../http/request-context.js';
import { sendJson } from '../../http/send-json.js';
import { countDeliveredUsage, DeliveredText, warmTokenCounter } from '../count-delivered-usage.js';
import type { Dialect } from '../dialect.js';
import type { CallState } from '../operation.js';
import { recordUsage, setCostHeader } from '../record-routed-call.js';
import type { HookStep, ReplyHooks } from '../reply-hooks.js';
import { writeStream, type StreamEncoder } from '../write-stream.js';

/**
 * `convert` builds the dialect's reply; it runs after usage and cost are on the record, and
 * after the call's reply hooks (which may change the canonical reply or refuse it by throwing).
 * Returns a promise only when a hook did.
 */
export function sendTranslated(context: RequestContext, reply: CompletionResponse, convert: () => unknown, hooks?: ReplyHooks): HookStep {
  recordUsage(context, reply.usage, reply.llmux.cost);
  setCostHeader(context, reply.llmux.cost);
  context.call.responseId = reply.id;
  const send = (): void => {
    if (clientGone(context.response)) context.call.callEnd = 'client_disconnected';
    sendJson(context, 200, JSON.stringify(convert()));
  };
  const step = hooks?.reply(reply);
  if (step === undefined) return send();
  return step.then(send);
}

export interface TranslatedStreaming {
  dialect: Dialect;
  encoder: StreamEncoder<ChatCompletionChunk>;
  streams: CallState['dependencies']['streams'];
  /** The canonical prompt sent (to count a cut stream's prompt tokens). */
  messages: ChatMessage[] | undefined;
  /** The call's reply hooks (absent: none). */
  hooks?: ReplyHooks | undefined;
}

export async function streamTranslated(context: RequestContext, reply: CompletionStream, streaming: TranslatedStreaming): Promise<void> {
  warmTokenCounter(reply.llmux.model);
  const delivered = new DeliveredText();
  await writeStream(context, reply, { dialect: streaming.dialect, encoder: streaming.encoder, streams: streaming.streams, onChunk: delivered.add, hooks: streaming.hooks });
  if (reply.usage === undefined) {
    reply.settleCountedUsage(countDeliveredUsage(reply.llmux.model, streaming.messages, delivered));
    context.call.usageCounted = true;
  }
  recordUsage(context, reply.usage, reply.llmux.cost);
  if (reply.llmux.durationMs !== undefined) context.call.upstreamLatencyMs = reply.llmux.durationMs;
}
