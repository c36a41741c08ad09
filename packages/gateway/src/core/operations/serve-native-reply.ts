// A passed-through reply, in any dialect: a JSON body sent as the upstream sent it, or a
// stream's bytes forwarded as they come. Usage was read on the side; a stream cut short
// before its final usage is billed for the deltas it delivered.

import { tokenCounter, type ChatMessage, type NativeJsonReply, type NativeStreamReply } from 'llmux';
import { clientGone } from '../../http/client-gone.js';
import type { RequestContext } from '../../http/request-context.js';
import { DeliveredEvents } from '../count-delivered-events.js';
import { warmTokenCounter } from '../count-delivered-usage.js';
import type { Dialect } from '../dialect.js';
import type { CallState } from '../operation.js';
import { recordUsage, setCostHeader } from '../record-routed-call.js';
import { writeStream, type StreamEncoder } from '../write-stream.js';

const PASS_BYTES: StreamEncoder<Buffer> = { chunk: (bytes) => bytes, end: () => '' };

export function sendNative(context: RequestContext, reply: NativeJsonReply): void {
  recordUsage(context, reply.usage, reply.llmux.cost);
  setCostHeader(context, reply.llmux.cost);
  if (clientGone(context.response)) context.call.callEnd = 'client_disconnected';
  Object.assign(context.headers, reply.headers);
  context.headers['content-length'] = reply.body.length;
  if (clientGone(context.response)) return;
  context.response.writeHead(reply.status, context.headers);
  context.response.end(reply.body);
}

export interface NativeStreaming {
  dialect: Dialect;
  streams: CallState['dependencies']['streams'];
  /** The dialect's delta text (see DeliveredEvents), to bill a stream cut short. */
  deltaText: RegExp;
  /**
   * The request as chat messages, to count its prompt when a stream is cut before the
   * upstream reported input tokens (Responses reports them only in its final event).
   */
  promptMessages?: () => readonly ChatMessage[] | undefined;
  /** Also sees each chunk of bytes, before it is written (stored Responses read the final event). */
  onChunk?: ((bytes: Buffer) => void) | undefined;
  /** How the bytes are written (default: as they come, the upstream's own end included). */
  encoder?: StreamEncoder<Buffer> | undefined;
}

export async function streamNative(context: RequestContext, reply: NativeStreamReply, streaming: NativeStreaming): Promise<void> {
  warmTokenCounter(reply.llmux.model);
  const delivered = new DeliveredEvents(streaming.deltaText);
  const also = streaming.onChunk;
  const onChunk = also === undefined ? delivered.add : (bytes: Buffer) => (delivered.add(bytes), also(bytes));
  await writeStream(context, reply, { dialect: streaming.dialect, encoder: streaming.encoder ?? PASS_BYTES, streams: streaming.streams, onChunk });
  if (context.call.callEnd === undefined || !billDeliveredEvents(context, reply, delivered, streaming.promptMessages)) recordUsage(context, reply.usage, reply.llmux.cost);
  if (reply.llmux.durationMs !== undefined) context.call.upstreamLatencyMs = reply.llmux.durationMs;
}

/**
 * A passed-through stream cut before its final event reported output tokens: bill the
 * deltas it delivered (input tokens came with the start, where the dialect sends them).
 * Priced at the deployment's prices, its overrides included.
 */
function billDeliveredEvents(context: RequestContext, reply: NativeStreamReply, delivered: DeliveredEvents, promptMessages: NativeStreaming['promptMessages']): boolean {
  const usage = reply.usage ?? { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 };
  const counted = delivered.countTokens(reply.llmux.model);
  const prompt = usage.prompt_tokens > 0 ? usage.prompt_tokens : countPrompt(reply.llmux.model, promptMessages);
  if (counted <= usage.completion_tokens && prompt === usage.prompt_tokens) return false;
  const completion = Math.max(counted, usage.completion_tokens);
  const billed = { ...usage, prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion };
  recordUsage(context, billed, reply.priceOf(billed) ?? reply.llmux.cost);
  context.call.usageCounted = true;
  return true;
}

function countPrompt(model: string, promptMessages: NativeStreaming['promptMessages']): number {
  const messages = promptMessages?.();
  return messages === undefined || messages.length === 0 ? 0 : tokenCounter({ model, messages: [...messages] });
}
