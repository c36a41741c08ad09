// POST /v1/chat/completions: the OpenAI chat operation. Known fields go through the Router;
// the client's extras reach the provider's body (checked there, see split-chat-body.ts).
// A deployment that speaks OpenAI chat gets the call passed through (chat-call.ts), its reply
// bytes written as they came; any other is translated. A stream is written as OpenAI SSE;
// one cut short is billed from what it delivered.

import {
  COMPLETION_BODY_KEYS,
  completeCall,
  encodeSseData,
  SSE_DONE,
  type ChatCompletionChunk,
  type ChatMessage,
  type CompletionRequest,
  type CompletionResponse,
  type CompletionStream,
  tokenCounter,
  type NativeStreamReply,
  type RouterCompletionParams,
  type Routed,
  type Router,
} from 'llmux';
import { modelAccessCheck } from '../../governance/model-access.js';
import { clientAbortSignal, clientGone } from '../../http/client-gone.js';
import type { RequestContext } from '../../http/request-context.js';
import { sendJson } from '../../http/send-json.js';
import { CHAT_REQUEST } from '../../routes/chat-request-schema.js';
import { countDeliveredUsage, DeliveredText, warmTokenCounter } from '../count-delivered-usage.js';
import { openAIChatDialect } from '../dialects/openai-chat-dialect.js';
import type { OpenStreams } from '../open-streams.js';
import { sentBytesOf, type CallState } from '../operation.js';
import { recordRoutedCall, recordUsage, setCostHeader } from '../record-routed-call.js';
import { replyHooksOf } from '../reply-hooks.js';
import { writeStream, type StreamEncoder } from '../write-stream.js';
import { ChatCall, type ChatReply } from './chat-call.js';
import { ChatPassthroughEncoder } from './chat-passthrough-stream.js';
import { mayPassChatThrough, OPENAI_CHAT_DELTA_TEXT, sendChatBytes } from './chat-passthrough.js';
import { streamNative, type NativeStreaming } from './serve-native-reply.js';
import { conformChatCompletion } from './chat-schema-conform.js';
import { splitChatBody } from './split-chat-body.js';
import { openAIOperation } from './openai-operation.js';

const OPENAI_SSE: StreamEncoder<ChatCompletionChunk> = { chunk: encodeSseData, end: () => SSE_DONE };

export const chatOperation = openAIOperation('/chat/completions', {
  names: { name: 'chat', callType: 'acompletion', traceName: 'chat' },
  request: CHAT_REQUEST,
  servesReplyHooks: true,
  serve: serveChat,
});

async function serveChat(state: CallState): Promise<boolean> {
  const { context, dependencies } = state;
  const router = dependencies.router;
  const { params, extras, refused, asSent } = splitChatBody(state.body);
  const request = params as RouterCompletionParams;
  // Client-side fallbacks and model lists may only reach models the caller may use.
  request.canUseModel = modelAccessCheck(context.identity, router);
  const stream = request.stream === true;
  // No hang-up signal for complete replies: an AbortController and its listeners cost ~11 µs
  // per request (a sixth of a minimal proxy's CPU), while long-lived streams are where hang-ups matter.
  if (stream) request.signal = clientAbortSignal(context.response);
  else request.stream = false;
  const reply = mayPassChatThrough(state, request)
    ? await routeChatThrough(router, request, new ChatCall(extras, stream, asSent ? sentBytesOf(state) : undefined, state.body))
    : await routeChat(router, request, extras);
  if (refused !== undefined) reply.llmux.warnings.push(...refused);
  recordRoutedCall(context, reply.llmux);
  if ('kind' in reply) {
    context.call.passthrough = true;
    if (reply.kind === 'json') sendChatBytes(context, reply);
    else await streamNative(context, reply, passthroughStreaming(context, reply, request, dependencies.streams));
    return true;
  }
  if ('cancel' in reply) {
    warmTokenCounter(reply.llmux.model);
    const delivered = new DeliveredText();
    const capture = state.capture;
    const onChunk = capture === undefined ? delivered.add : (chunk: ChatCompletionChunk) => (delivered.add(chunk), capture.chunk(chunk));
    await writeStream(context, reply, { dialect: openAIChatDialect, encoder: OPENAI_SSE, streams: dependencies.streams, onChunk, hooks: replyHooksOf(state) });
    if (reply.usage === undefined) {
      reply.settleCountedUsage(countDeliveredUsage(reply.llmux.model, request.messages as ChatMessage[], delivered));
      context.call.usageCounted = true;
    }
    recordUsage(context, reply.usage, reply.llmux.cost);
    if (reply.llmux.durationMs !== undefined) context.call.upstreamLatencyMs = reply.llmux.durationMs;
    return true;
  }
  recordUsage(context, reply.usage, reply.llmux.cost);
  setCostHeader(context, reply.llmux.cost);
  context.call.responseId = reply.id;
  // The reply hooks (output guardrails) see it first: they may change it or refuse it.
  const hooks = state.replyHooks === undefined ? undefined : replyHooksOf(state);
  const step = hooks?.reply(reply);
  if (step !== undefined) await step;
  // The upstream answered: a client gone by now still owes what it asked for.
  if (clientGone(context.response)) context.call.callEnd = 'client_disconnected';
  conformChatCompletion(reply);
  sendJson(context, 200, JSON.stringify(state.capture === undefined ? reply : state.capture.reply(reply)));
  return true;
}

function passthroughStreaming(context: RequestContext, reply: NativeStreamReply, request: RouterCompletionParams, streams: OpenStreams): NativeStreaming {
  const includeUsage = request.stream_options?.include_usage === true;
  return {
    dialect: openAIChatDialect,
    streams,
    deltaText: OPENAI_CHAT_DELTA_TEXT,
    promptMessages: () => request.messages,
    encoder: new ChatPassthroughEncoder(context, openAIChatDialect, reply, includeUsage),
  };
}

/** A call that may pass through: routed as router.completion() routes, each attempt a ChatCall. */
function routeChatThrough(router: Router, request: RouterCompletionParams, call: ChatCall): Promise<Routed<ChatReply>> {
  let promptTokens: number | undefined;
  const group = typeof request.model === 'string' ? request.model : (request.model[0] ?? '');
  const countPrompt = (): number => (promptTokens ??= tokenCounter({ model: group, messages: request.messages }));
  return router.call<RouterCompletionParams, ChatReply>(request, call.attempt, countPrompt);
}

function routeChat(router: Router, request: RouterCompletionParams, extras: Record<string, unknown> | undefined): Promise<Routed<CompletionResponse | CompletionStream>> {
  if (extras === undefined) return router.completion(request);
  return router.call<RouterCompletionParams, CompletionResponse | CompletionStream>(request, (target, rest) => {
    const call = target.split<CompletionRequest>(rest, COMPLETION_BODY_KEYS);
    // The SDK's checkParams then forwards, drops (drop_params) or refuses each extra.
    Object.assign(call.body, extras);
    return completeCall(call);
  });
}
