// POST /v1/responses (and /responses): OpenAI's Responses operation. Routed, governed and
// billed as chat is; answered in the Responses format, byte for byte from a deployment that
// serves it (OpenAI, Azure), converted from the canonical chat reply of any other.

import {
  convertResponsesRequest,
  convertToResponsesResponse,
  createResponsesStreamEncoder,
  openAIResponsesRequestSchema,
  type ChatCompletionChunk,
  type ChatMessage,
  type ResponsesRequest,
} from 'llmux';
import { recordError } from '../../http/send-error.js';
import { RESPONSES_DELTA_TEXT } from '../count-delivered-events.js';
import type { Dialect } from '../dialect.js';
import { openAIResponsesDialect } from '../dialects/openai-responses-dialect.js';
import type { CallState, Operation } from '../operation.js';
import { recordRoutedCall } from '../record-routed-call.js';
import type { StreamEncoder } from '../write-stream.js';
import { createRoutingOptions } from './create-routing-options.js';
import { ResponsesCall, type ResponsesReply } from './responses-call.js';
import { sendNative, streamNative } from './serve-native-reply.js';
import { sendTranslated, streamTranslated } from './serve-translated-reply.js';

export const responsesOperation: Operation = {
  // LiteLLM's call_type for its /v1/responses endpoint.
  names: { name: 'responses', callType: 'aresponses', traceName: 'chat' },
  method: 'POST',
  paths: ['/v1/responses', '/responses'],
  dialect: openAIResponsesDialect,
  request: { schema: openAIResponsesRequestSchema },
  billed: true,
  serve: serveResponses,
};

async function serveResponses(state: CallState): Promise<boolean> {
  const { context, dependencies, body } = state;
  const routing = createRoutingOptions(state);
  const call = new ResponsesCall(body, routing.signal);
  const reply = await dependencies.router.call<typeof routing, ResponsesReply>(routing, call.attempt);
  recordRoutedCall(context, reply.llmux);
  if ('kind' in reply) {
    context.call.passthrough = true;
    if (reply.kind === 'json') sendNative(context, reply);
    else await streamNative(context, reply, { dialect: openAIResponsesDialect, streams: dependencies.streams, deltaText: RESPONSES_DELTA_TEXT, promptMessages: () => promptMessagesOf(body) });
    return true;
  }
  const options = { model: routing.model, request: body as unknown as ResponsesRequest };
  if (!('cancel' in reply)) {
    sendTranslated(context, reply, () => convertToResponsesResponse(reply, options));
    return true;
  }
  const responses = createResponsesStreamEncoder(options);
  const encoder: StreamEncoder<ChatCompletionChunk> = { chunk: responses.chunk, end: () => responses.end(reply.usage) };
  // A break after the stream began ends through this encoder: it knows the id and the next sequence number.
  const dialect: Dialect = { ...openAIResponsesDialect, streamError: (streamContext, error) => responses.error(recordError(streamContext, error)) };
  await streamTranslated(context, reply, { dialect, encoder, streams: dependencies.streams, messages: call.converted?.messages });
  return true;
}

/** The request's input as chat messages, for counting; a body the bridge can't read counts as none. */
function promptMessagesOf(body: Record<string, unknown>): readonly ChatMessage[] | undefined {
  try {
    return convertResponsesRequest(body as unknown as ResponsesRequest, { dropParams: true }).request.messages;
  } catch {
    return undefined;
  }
}
