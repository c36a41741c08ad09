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
import { sentBytesOf, type CallState, type Operation } from '../operation.js';
import { recordRoutedCall } from '../record-routed-call.js';
import { replyHooksOf } from '../reply-hooks.js';
import type { StreamEncoder } from '../write-stream.js';
import { createRoutingOptions } from './create-routing-options.js';
import type { Identity } from '../../governance/identity.js';
import { convertStoredTurns } from '../../responses-store/convert-stored-turns.js';
import { FinalResponseReader } from '../../responses-store/parse-final-response-event.js';
import type { StoredResponses } from '../../responses-store/stored-responses.js';
import { ResponsesCall, type ResponsesContinuation, type ResponsesReply } from './responses-call.js';
import { createResponsesKeeper, parseNativeResponse } from './responses-keeper.js';
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
  servesReplyHooks: true,
  serve: serveResponses,
};

async function serveResponses(state: CallState): Promise<boolean> {
  const { context, dependencies, body } = state;
  const stored = dependencies.storedResponses;
  const routing = createRoutingOptions(state);
  const continuation = stored === undefined ? undefined : await continueConversation(stored, body, context.identity);
  // The previous Response lives on the deployment that made it: go back there when the group has it.
  if (continuation?.holder !== undefined) routing.deploymentId = continuation.holder;
  const call = new ResponsesCall(body, routing.signal, continuation, state.needsParsedReply === true, sentBytesOf(state));
  const reply = await dependencies.router.call<typeof routing, ResponsesReply>(routing, call.attempt);
  recordRoutedCall(context, reply.llmux);
  const keep = createResponsesKeeper(stored, context, body, reply.llmux);
  if ('kind' in reply) {
    context.call.passthrough = true;
    if (reply.kind === 'json') {
      parseNativeResponse(keep, reply.status, reply.body);
      sendNative(context, reply);
    } else {
      const final = keep === undefined ? undefined : new FinalResponseReader();
      const onChunk = final === undefined || keep === undefined ? undefined : (bytes: Buffer) => (final.add(bytes), final.response !== undefined && keep(final.response, true));
      await streamNative(context, reply, {
        dialect: openAIResponsesDialect,
        streams: dependencies.streams,
        deltaText: RESPONSES_DELTA_TEXT,
        promptMessages: () => promptMessagesOf(body),
        onChunk,
      });
    }
    return true;
  }
  // The operation's zod schema validated the body as this request shape.
  const options = { model: routing.model, request: body as unknown as ResponsesRequest };
  const hooks = replyHooksOf(state);
  if (!('cancel' in reply)) {
    const sent = sendTranslated(
      context,
      reply,
      () => {
        const response = convertToResponsesResponse(reply, options);
        keep?.(response, false);
        return response;
      },
      hooks,
    );
    if (sent !== undefined) await sent;
    return true;
  }
  const responses = createResponsesStreamEncoder(options);
  const end = (): string => {
    const text = responses.end(reply.usage);
    keep?.(responses.response(), false);
    return text;
  };
  const encoder: StreamEncoder<ChatCompletionChunk> = { chunk: responses.chunk, end };
  // A break after the stream began ends through this encoder: it knows the id and the next sequence number.
  const dialect: Dialect = { ...openAIResponsesDialect, streamError: (streamContext, error) => responses.error(recordError(streamContext, error)) };
  await streamTranslated(context, reply, { dialect, encoder, streams: dependencies.streams, messages: call.converted?.messages, hooks });
  return true;
}

/** The stored conversation a previous_response_id names (owner-checked: else OpenAI's 400). */
async function continueConversation(stored: StoredResponses, body: Record<string, unknown>, caller: Identity | undefined): Promise<ResponsesContinuation | undefined> {
  const previous = body['previous_response_id'];
  if (typeof previous !== 'string' || previous === '') return undefined;
  const turns = await stored.conversation(previous, caller);
  const last = turns.at(-1);
  return { history: convertStoredTurns(turns), holder: last?.native === true && last.deployment_id !== null ? last.deployment_id : undefined };
}

/** The request's input as chat messages, for counting; a body the bridge can't read counts as none. */
function promptMessagesOf(body: Record<string, unknown>): readonly ChatMessage[] | undefined {
  try {
    // The operation's zod schema validated the body as this request shape.
    return convertResponsesRequest(body as unknown as ResponsesRequest, { dropParams: true }).request.messages;
  } catch {
    return undefined;
  }
}
