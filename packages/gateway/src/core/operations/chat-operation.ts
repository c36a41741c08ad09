// POST /v1/chat/completions: the OpenAI chat operation. Known fields go through the Router;
// the client's extras reach the provider's body (checked there, see split-chat-body.ts).
// A stream is written as OpenAI SSE; one cut short is billed from what it delivered.

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
  type RouterCompletionParams,
  type Routed,
  type Router,
} from 'llmux';
import { modelAccessCheck } from '../../governance/model-access.js';
import { clientAbortSignal, clientGone } from '../../http/client-gone.js';
import { sendJson } from '../../http/send-json.js';
import { CHAT_REQUEST } from '../../routes/chat-request-schema.js';
import { countDeliveredUsage, DeliveredText, warmTokenCounter } from '../count-delivered-usage.js';
import { openAIChatDialect } from '../dialects/openai-chat-dialect.js';
import type { CallState, Operation } from '../operation.js';
import { recordRoutedCall, recordUsage, setCostHeader } from '../record-routed-call.js';
import { writeStream, type StreamEncoder } from '../write-stream.js';
import { splitChatBody } from './split-chat-body.js';

const OPENAI_SSE: StreamEncoder<ChatCompletionChunk> = { chunk: encodeSseData, end: () => SSE_DONE };

export const chatOperation: Operation = {
  names: { name: 'chat', callType: 'acompletion', traceName: 'chat' },
  method: 'POST',
  paths: ['/v1/chat/completions', '/chat/completions'],
  dialect: openAIChatDialect,
  request: CHAT_REQUEST,
  billed: true,
  serve: serveChat,
};

async function serveChat(state: CallState): Promise<boolean> {
  const { context, dependencies } = state;
  const router = dependencies.router;
  const { params, extras, refused } = splitChatBody(state.body);
  const request = params as RouterCompletionParams;
  // Client-side fallbacks and model lists may only reach models the caller may use.
  request.canUseModel = modelAccessCheck(context.identity, router);
  if (request.stream === true) {
    request.signal = clientAbortSignal(context.response);
    const stream = (await routeChat(router, request, extras)) as Routed<CompletionStream>;
    if (refused !== undefined) stream.llmux.warnings.push(...refused);
    recordRoutedCall(context, stream.llmux);
    warmTokenCounter(stream.llmux.model);
    const delivered = new DeliveredText();
    const capture = state.capture;
    const onChunk = capture === undefined ? delivered.add : (chunk: ChatCompletionChunk) => (delivered.add(chunk), capture.chunk(chunk));
    await writeStream(context, stream, { dialect: openAIChatDialect, encoder: OPENAI_SSE, streams: dependencies.streams, onChunk });
    if (stream.usage === undefined) {
      stream.settleCountedUsage(countDeliveredUsage(stream.llmux.model, request.messages as ChatMessage[], delivered));
      context.call.usageCounted = true;
    }
    recordUsage(context, stream.usage, stream.llmux.cost);
    if (stream.llmux.durationMs !== undefined) context.call.upstreamLatencyMs = stream.llmux.durationMs;
    return true;
  }
  // No hang-up signal here: an AbortController and its listeners cost ~11 µs per request
  // (a sixth of a minimal proxy's CPU), while long-lived streams are where hang-ups matter.
  request.stream = false;
  const result = (await routeChat(router, request, extras)) as Routed<CompletionResponse>;
  if (refused !== undefined) result.llmux.warnings.push(...refused);
  recordRoutedCall(context, result.llmux);
  recordUsage(context, result.usage, result.llmux.cost);
  setCostHeader(context, result.llmux.cost);
  // The upstream answered: a client gone by now still owes what it asked for.
  if (clientGone(context.response)) context.call.callEnd = 'client_disconnected';
  sendJson(context, 200, JSON.stringify(state.capture === undefined ? result : state.capture.reply(result)));
  return true;
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
