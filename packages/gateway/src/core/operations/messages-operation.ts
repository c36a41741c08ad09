// POST /v1/messages (and /anthropic/v1/messages, `?beta=true` as Claude Code sends it): the
// Anthropic Messages operation. Routed, governed and billed as chat is; answered in
// Anthropic's format, byte for byte from a native deployment, converted from any other.

import { anthropicMessagesRequestSchema, convertToAnthropicMessage, createAnthropicStreamEncoder, type ChatCompletionChunk, type CompletionStream } from 'llmux';
import type { RequestContext } from '../../http/request-context.js';
import { ANTHROPIC_DELTA_TEXT } from '../count-delivered-events.js';
import { anthropicMessagesDialect } from '../dialects/anthropic-messages-dialect.js';
import { sentBytesOf, type CallState, type Operation } from '../operation.js';
import { recordRoutedCall } from '../record-routed-call.js';
import { replyHooksOf, type ReplyHooks } from '../reply-hooks.js';
import type { StreamEncoder } from '../write-stream.js';
import { MessagesCall, type MessagesReply } from './messages-call.js';
import { sendNative, streamNative } from './serve-native-reply.js';
import { createRoutingOptions } from './create-routing-options.js';
import { sendTranslated, streamTranslated } from './serve-translated-reply.js';

export const messagesOperation: Operation = {
  // LiteLLM's call_type for its /v1/messages endpoint.
  names: { name: 'messages', callType: 'anthropic_messages', traceName: 'chat' },
  method: 'POST',
  paths: ['/v1/messages', '/anthropic/v1/messages'],
  dialect: anthropicMessagesDialect,
  request: { schema: anthropicMessagesRequestSchema },
  billed: true,
  servesReplyHooks: true,
  serve: serveMessages,
};

async function serveMessages(state: CallState): Promise<boolean> {
  const { context, dependencies, body } = state;
  const routing = createRoutingOptions(state);
  const call = new MessagesCall(body, context.request.headers, routing.signal, state.needsParsedReply === true, sentBytesOf(state));
  const reply = await dependencies.router.call<typeof routing, MessagesReply>(routing, call.attempt);
  recordRoutedCall(context, reply.llmux);
  if ('kind' in reply) {
    context.call.passthrough = true;
    if (reply.kind === 'json') sendNative(context, reply);
    else await streamNative(context, reply, { dialect: anthropicMessagesDialect, streams: dependencies.streams, deltaText: ANTHROPIC_DELTA_TEXT });
    return true;
  }
  const stopSequences = body['stop_sequences'] as string[] | undefined;
  const hooks = replyHooksOf(state);
  if ('cancel' in reply) {
    await streamMessages(context, reply, call, { model: routing.model, stopSequences, hooks }, dependencies.streams);
    return true;
  }
  const sent = sendTranslated(
    context,
    reply,
    () => convertToAnthropicMessage(reply, stopSequences === undefined ? { model: routing.model } : { model: routing.model, stopSequences }),
    hooks,
  );
  if (sent !== undefined) await sent;
  return true;
}

async function streamMessages(
  context: RequestContext,
  reply: CompletionStream,
  call: MessagesCall,
  options: { model: string; stopSequences: string[] | undefined; hooks: ReplyHooks | undefined },
  streams: CallState['dependencies']['streams'],
): Promise<void> {
  const anthropic = createAnthropicStreamEncoder(options.stopSequences === undefined ? { model: options.model } : { model: options.model, stopSequences: options.stopSequences });
  const encoder: StreamEncoder<ChatCompletionChunk> = { chunk: anthropic.chunk, end: () => anthropic.end(reply.usage) };
  await streamTranslated(context, reply, { dialect: anthropicMessagesDialect, encoder, streams, messages: call.converted?.messages, hooks: options.hooks });
}
