// POST /v1/messages (and /anthropic/v1/messages, `?beta=true` as Claude Code sends it): the
// Anthropic Messages operation. Routed, governed and billed as chat is; answered in
// Anthropic's format, byte for byte from a native deployment, converted from any other.

import {
  anthropicMessagesRequestSchema,
  computeCost,
  convertToAnthropicMessage,
  createAnthropicStreamEncoder,
  type ChatCompletionChunk,
  type CompletionResponse,
  type CompletionStream,
  type NativeJsonReply,
  type NativeStreamReply,
  type RouterCallOptions,
} from 'llmux';
import { modelAccessCheck } from '../../governance/model-access.js';
import { clientAbortSignal, clientGone } from '../../http/client-gone.js';
import type { RequestContext } from '../../http/request-context.js';
import { sendJson } from '../../http/send-json.js';
import { DeliveredEvents } from '../count-delivered-events.js';
import { countDeliveredUsage, DeliveredText, warmTokenCounter } from '../count-delivered-usage.js';
import { anthropicMessagesDialect } from '../dialects/anthropic-messages-dialect.js';
import type { CallState, Operation } from '../operation.js';
import { recordRoutedCall, recordUsage, setCostHeader } from '../record-routed-call.js';
import { writeStream, type StreamEncoder } from '../write-stream.js';
import { MessagesCall, type MessagesReply } from './messages-call.js';

const PASS_BYTES: StreamEncoder<Buffer> = { chunk: (bytes) => bytes, end: () => '' };

export const messagesOperation: Operation = {
  // LiteLLM's call_type for its /v1/messages endpoint.
  names: { name: 'messages', callType: 'anthropic_messages', traceName: 'chat' },
  method: 'POST',
  paths: ['/v1/messages', '/anthropic/v1/messages'],
  dialect: anthropicMessagesDialect,
  request: { schema: anthropicMessagesRequestSchema },
  billed: true,
  serve: serveMessages,
};

async function serveMessages(state: CallState): Promise<boolean> {
  const { context, dependencies, body } = state;
  const router = dependencies.router;
  const stream = body['stream'] === true;
  const signal = stream ? clientAbortSignal(context.response) : undefined;
  const call = new MessagesCall(body, context.request.headers, signal);
  const routing: RouterCallOptions & { model: string; signal: AbortSignal | undefined; stream: boolean } = {
    model: body['model'] as string,
    signal,
    stream,
    canUseModel: modelAccessCheck(context.identity, router),
  };
  if (Array.isArray(body['fallbacks'])) routing.fallbacks = body['fallbacks'] as string[];
  if (typeof body['num_retries'] === 'number') routing.num_retries = body['num_retries'];
  if (Array.isArray(body['tags'])) routing.tags = body['tags'] as string[];
  const reply = await router.call<typeof routing, MessagesReply>(routing, call.attempt);
  recordRoutedCall(context, reply.llmux);
  if ('kind' in reply) {
    context.call.passthrough = true;
    if (reply.kind === 'json') sendNative(context, reply);
    else await streamNative(context, reply, dependencies.streams);
    return true;
  }
  const stopSequences = body['stop_sequences'] as string[] | undefined;
  if ('cancel' in reply) {
    await streamTranslated(context, reply, call, { model: routing.model, stopSequences }, dependencies.streams);
    return true;
  }
  sendTranslated(context, reply, routing.model, stopSequences);
  return true;
}

function sendNative(context: RequestContext, reply: NativeJsonReply): void {
  recordUsage(context, reply.usage, reply.llmux.cost);
  setCostHeader(context, reply.llmux.cost);
  if (clientGone(context.response)) context.call.callEnd = 'client_disconnected';
  Object.assign(context.headers, reply.headers);
  context.headers['content-length'] = reply.body.length;
  if (clientGone(context.response)) return;
  context.response.writeHead(reply.status, context.headers);
  context.response.end(reply.body);
}

async function streamNative(context: RequestContext, reply: NativeStreamReply, streams: CallState['dependencies']['streams']): Promise<void> {
  warmTokenCounter(reply.llmux.model);
  const delivered = new DeliveredEvents();
  await writeStream(context, reply, { dialect: anthropicMessagesDialect, encoder: PASS_BYTES, streams, onChunk: delivered.add });
  if (context.call.callEnd === undefined || !billDeliveredEvents(context, reply, delivered)) recordUsage(context, reply.usage, reply.llmux.cost);
  if (reply.llmux.durationMs !== undefined) context.call.upstreamLatencyMs = reply.llmux.durationMs;
}

/**
 * A passed-through stream cut before its message_delta reported output tokens: bill the
 * deltas it delivered (input tokens came with message_start). Catalog prices: a
 * deployment's price overrides are not known here.
 */
function billDeliveredEvents(context: RequestContext, reply: NativeStreamReply, delivered: DeliveredEvents): boolean {
  const usage = reply.usage ?? { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 };
  const counted = delivered.countTokens(reply.llmux.model);
  if (counted <= usage.completion_tokens) return false;
  const billed = { ...usage, completion_tokens: counted, total_tokens: usage.prompt_tokens + counted };
  recordUsage(context, billed, computeCost(reply.llmux.provider, reply.llmux.model, billed) ?? reply.llmux.cost);
  context.call.usageCounted = true;
  return true;
}

function sendTranslated(context: RequestContext, reply: CompletionResponse, model: string, stopSequences: string[] | undefined): void {
  recordUsage(context, reply.usage, reply.llmux.cost);
  setCostHeader(context, reply.llmux.cost);
  if (clientGone(context.response)) context.call.callEnd = 'client_disconnected';
  const message = convertToAnthropicMessage(reply, stopSequences === undefined ? { model } : { model, stopSequences });
  sendJson(context, 200, JSON.stringify(message));
}

async function streamTranslated(
  context: RequestContext,
  reply: CompletionStream,
  call: MessagesCall,
  options: { model: string; stopSequences: string[] | undefined },
  streams: CallState['dependencies']['streams'],
): Promise<void> {
  warmTokenCounter(reply.llmux.model);
  const anthropic = createAnthropicStreamEncoder(options.stopSequences === undefined ? { model: options.model } : { model: options.model, stopSequences: options.stopSequences });
  const encoder: StreamEncoder<ChatCompletionChunk> = { chunk: anthropic.chunk, end: () => anthropic.end(reply.usage) };
  const delivered = new DeliveredText();
  await writeStream(context, reply, { dialect: anthropicMessagesDialect, encoder, streams, onChunk: delivered.add });
  if (reply.usage === undefined) {
    reply.settleCountedUsage(countDeliveredUsage(reply.llmux.model, call.converted?.messages, delivered));
    context.call.usageCounted = true;
  }
  recordUsage(context, reply.usage, reply.llmux.cost);
  if (reply.llmux.durationMs !== undefined) context.call.upstreamLatencyMs = reply.llmux.durationMs;
}
