// Gemini SSE chunks (each a full GenerateContentResponse; CRLF framed; no [DONE]) → canonical
// chunks. Parts arrive as deltas; usage arrives cumulatively and is sent once at the end.
// finishReason is held until the stream ends, because older models repeat STOP on every
// chunk; a stream that ends before any candidate finished is an APIConnectionError,
// never a silently truncated answer.

import { APIConnectionError, BadGatewayError } from '../../errors/error-classes.js';
import { decodeSse } from '../../http/decode-sse.js';
import { guardUpstreamStream } from '../../http/guard-upstream-stream.js';
import type { HttpResponse } from '../../http/http-client.js';
import { tryParseJson } from '../../http/read-body.js';
import type { ChatCompletionChunk, ChatCompletionChunkDelta, FinishReason } from '../../spec/index.js';
import { geminiResponseSchema, type GeminiCandidate, type GeminiUsage } from './gemini-api.js';
import { checkPromptFeedback } from './check-prompt-feedback.js';
import { createCompletionId } from './convert-gemini-response.js';
import { convertGeminiFunctionCall, isFunctionCallPart } from './convert-gemini-function-call.js';
import { convertGeminiUsage, mergeGeminiUsage } from './convert-gemini-usage.js';
import { createGeminiPayloadError, isGeminiErrorPayload, type GeminiErrorContext } from './gemini-error.js';
import { mapGeminiFinishReason } from './map-gemini-finish-reason.js';

export interface GeminiStreamOptions extends GeminiErrorContext {
  created: number;
  /** The caller's signal: an abort passes through as itself, not as a connection error. */
  signal?: AbortSignal;
}

interface ChoiceState {
  started: boolean;
  toolCount: number;
  finishReason: string | undefined;
}

export function readGeminiStream(response: HttpResponse, options: GeminiStreamOptions): AsyncGenerator<ChatCompletionChunk> {
  return guardUpstreamStream(response, convertGeminiStream(decodeSse(response.body), options), options);
}

export async function* convertGeminiStream(
  events: AsyncIterable<{ data: string }>,
  options: GeminiStreamOptions,
): AsyncGenerator<ChatCompletionChunk> {
  const choices = new Map<number, ChoiceState>();
  let id: string | undefined;
  let model = options.model;
  let usage: GeminiUsage | undefined;
  const chunk = (index: number, delta: ChatCompletionChunkDelta, finishReason: FinishReason | null = null): ChatCompletionChunk => ({
    id: (id ??= createCompletionId(undefined)),
    object: 'chat.completion.chunk',
    created: options.created,
    model,
    choices: [{ index, delta, finish_reason: finishReason }],
  });

  for await (const event of events) {
    if (event.data.trim() === '') continue;
    const json = tryParseJson(event.data);
    if (json === undefined) throw malformed(options, 'an event that is not JSON');
    if (isGeminiErrorPayload(json)) throw createGeminiPayloadError(json, options);
    const parsed = geminiResponseSchema.safeParse(json);
    if (!parsed.success) throw malformed(options, 'an event that is not a GenerateContentResponse');
    const response = parsed.data;
    checkPromptFeedback(response, options);
    id ??= response.responseId ?? undefined;
    model = response.modelVersion ?? model;
    usage = mergeGeminiUsage(usage, response.usageMetadata);
    for (const [position, candidate] of (response.candidates ?? []).entries()) {
      const index = candidate.index ?? position;
      let state = choices.get(index);
      if (state === undefined) {
        state = { started: false, toolCount: 0, finishReason: undefined };
        choices.set(index, state);
      }
      for (const delta of candidateDeltas(candidate, state)) {
        yield chunk(index, state.started ? delta : { role: 'assistant', ...delta });
        state.started = true;
      }
      state.finishReason = candidate.finishReason ?? state.finishReason;
    }
  }

  const unfinished = choices.size === 0 || [...choices.values()].some((state) => state.finishReason === undefined);
  if (unfinished) {
    throw new APIConnectionError(`${options.provider} stream ended early: the connection closed before the reply was complete`, {
      provider: options.provider,
      model: options.model,
    });
  }
  for (const [index, state] of [...choices.entries()].sort(([a], [b]) => a - b)) {
    yield chunk(index, state.started ? {} : { role: 'assistant', content: '' }, mapGeminiFinishReason(state.finishReason, state.toolCount > 0));
  }
  yield { id: id ?? createCompletionId(undefined), object: 'chat.completion.chunk', created: options.created, model, choices: [], usage: convertGeminiUsage(usage ?? {}) };
}

function candidateDeltas(candidate: GeminiCandidate, state: ChoiceState): ChatCompletionChunkDelta[] {
  const deltas: ChatCompletionChunkDelta[] = [];
  for (const part of candidate.content?.parts ?? []) {
    if (isFunctionCallPart(part)) {
      // Gemini sends each function call whole, so one delta carries name and arguments.
      const call = convertGeminiFunctionCall(part);
      deltas.push({ tool_calls: [{ index: state.toolCount++, ...call }] });
    } else if (part.text !== null && part.text !== undefined && part.text !== '') {
      deltas.push(part.thought === true ? { reasoning_content: part.text } : { content: part.text });
    }
  }
  return deltas;
}

function malformed(options: GeminiStreamOptions, what: string): BadGatewayError {
  return new BadGatewayError(`${options.provider} sent ${what} in its stream`, { provider: options.provider, model: options.model });
}
