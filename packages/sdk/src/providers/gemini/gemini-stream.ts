// Gemini SSE chunks (each a full GenerateContentResponse; CRLF framed; no [DONE]) → canonical
// chunks. Parts arrive as deltas; usage arrives cumulatively and is sent once at the end.
// finishReason is held until the stream ends, because older models repeat STOP on every
// chunk; a stream that ends before any candidate finished is an APIConnectionError,
// never a silently truncated answer.

import { APIConnectionError, BadGatewayError } from '../../errors/error-classes.js';
import type { HttpResponse } from '../../http/http-client.js';
import { tryParseJson } from '../../http/read-body.js';
import { readSseStream, type SseEventHandler } from '../../http/read-sse-stream.js';
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

export function readGeminiStream(response: HttpResponse, options: GeminiStreamOptions): AsyncIterableIterator<ChatCompletionChunk> {
  return readSseStream(response.body, new GeminiChunkReader(options), options);
}

class GeminiChunkReader implements SseEventHandler<ChatCompletionChunk> {
  private readonly choices = new Map<number, ChoiceState>();
  private id: string | undefined;
  private model: string;
  private usage: GeminiUsage | undefined;

  constructor(private readonly options: GeminiStreamOptions) {
    this.model = options.model;
  }

  onEvent(_event: string | undefined, data: string, emit: (chunk: ChatCompletionChunk) => void): void {
    const { options, choices } = this;
    if (data.trim() === '') return;
    const json = tryParseJson(data);
    if (json === undefined) throw malformed(options, 'an event that is not JSON');
    if (isGeminiErrorPayload(json)) throw createGeminiPayloadError(json, options);
    const parsed = geminiResponseSchema.safeParse(json);
    if (!parsed.success) throw malformed(options, 'an event that is not a GenerateContentResponse');
    const response = parsed.data;
    checkPromptFeedback(response, options);
    this.id ??= response.responseId ?? undefined;
    this.model = response.modelVersion ?? this.model;
    this.usage = mergeGeminiUsage(this.usage, response.usageMetadata);
    for (const [position, candidate] of (response.candidates ?? []).entries()) {
      const index = candidate.index ?? position;
      let state = choices.get(index);
      if (state === undefined) {
        state = { started: false, toolCount: 0, finishReason: undefined };
        choices.set(index, state);
      }
      for (const delta of candidateDeltas(candidate, state)) {
        emit(this.chunk(index, state.started ? delta : { role: 'assistant', ...delta }));
        state.started = true;
      }
      state.finishReason = candidate.finishReason ?? state.finishReason;
    }
  }

  onEnd(emit: (chunk: ChatCompletionChunk) => void): void {
    const { options, choices } = this;
    const unfinished = choices.size === 0 || [...choices.values()].some((state) => state.finishReason === undefined);
    if (unfinished) {
      throw new APIConnectionError(`${options.provider} stream ended early: the connection closed before the reply was complete`, {
        provider: options.provider,
        model: options.model,
      });
    }
    for (const [index, state] of [...choices.entries()].sort(([a], [b]) => a - b)) {
      emit(this.chunk(index, state.started ? {} : { role: 'assistant', content: '' }, mapGeminiFinishReason(state.finishReason, state.toolCount > 0)));
    }
    emit({
      id: this.id ?? createCompletionId(undefined),
      object: 'chat.completion.chunk',
      created: options.created,
      model: this.model,
      choices: [],
      usage: convertGeminiUsage(this.usage ?? {}),
    });
  }

  private chunk(index: number, delta: ChatCompletionChunkDelta, finishReason: FinishReason | null = null): ChatCompletionChunk {
    return {
      id: (this.id ??= createCompletionId(undefined)),
      object: 'chat.completion.chunk',
      created: this.options.created,
      model: this.model,
      choices: [{ index, delta, finish_reason: finishReason }],
    };
  }
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
