// Cohere v2 stream events → canonical chunks. Text and thinking arrive as content deltas,
// the tool plan as its own deltas (→ reasoning_content), tool calls as start + argument
// fragments, and `message-end` carries the finish reason and usage. A stream that ends
// before `message-end`, or whose end reports an error, throws; a trailing `[DONE]` is fine.

import { APIConnectionError, BadGatewayError } from '../../errors/error-classes.js';
import type { HttpResponse } from '../../http/http-client.js';
import { tryParseJson } from '../../http/read-body.js';
import { readSseStream, type SseEventHandler } from '../../http/read-sse-stream.js';
import { redactSecrets } from '../../http/redact-secrets.js';
import type { ChatCompletionChunk, ChatCompletionChunkDelta, FinishReason } from '../../spec/index.js';
import { cohereErrorBodySchema, cohereStreamEventSchema } from './cohere-api.js';
import { createCohereFinishError, createCohereStreamError, type CohereErrorContext } from './cohere-error.js';
import { toArgumentsJson } from './convert-cohere-tool-calls.js';
import { convertCohereUsage } from './convert-cohere-usage.js';
import { mapCohereFinishReason } from './map-cohere-finish-reason.js';
import { createChunk } from '../create-chunk.js';

export interface CohereStreamOptions extends CohereErrorContext {
  id: string;
  created: number;
  signal: AbortSignal | undefined;
}

/** Frees the connection when the reader stops early and types transport failures. */
export function readCohereStream(response: HttpResponse, options: CohereStreamOptions): AsyncIterableIterator<ChatCompletionChunk> {
  return readSseStream(response.body, new CohereChunkReader(options), options);
}

class CohereChunkReader implements SseEventHandler<ChatCompletionChunk> {
  private id: string;
  private ended = false;
  /** Cohere's per-call index → the 0-based OpenAI tool index. */
  private readonly toolIndexes = new Map<number, number>();

  constructor(private readonly options: CohereStreamOptions) {
    this.id = options.id;
  }

  onEvent(_event: string | undefined, data: string, emit: (chunk: ChatCompletionChunk) => void): void {
    const { options, toolIndexes } = this;
    // After message-end the body is read to its end, so that the connection is reused.
    if (this.ended || data === '[DONE]' || data === '') return;
    const json = tryParseJson(data);
    const parsed = cohereStreamEventSchema.safeParse(json);
    if (!parsed.success) throw unexpected(json, data, options);
    const event = parsed.data;
    const message = event.delta?.message;

    switch (event.type) {
      case 'message-start':
        this.id = event.id ?? this.id;
        emit(this.chunk({ role: 'assistant', content: '' }));
        break;
      case 'content-start':
      case 'content-delta': {
        const content = message?.content;
        if (content?.thinking) emit(this.chunk({ reasoning_content: content.thinking }));
        if (content?.text) emit(this.chunk({ content: content.text }));
        break;
      }
      case 'tool-plan-delta':
        if (message?.tool_plan) emit(this.chunk({ reasoning_content: message.tool_plan }));
        break;
      case 'tool-call-start': {
        const call = message?.tool_calls;
        const index = toolIndexes.size;
        toolIndexes.set(event.index ?? index, index);
        const name = call?.function?.name ?? '';
        const args = toArgumentsJson(call?.function?.arguments);
        emit(this.chunk({ tool_calls: [{ index, id: call?.id ?? '', type: 'function', function: { name, arguments: args } }] }));
        break;
      }
      case 'tool-call-delta': {
        const fragment = toArgumentsJson(message?.tool_calls?.function?.arguments);
        const index = toolIndexes.get(event.index ?? -1) ?? toolIndexes.size - 1;
        if (fragment !== '' && index >= 0) emit(this.chunk({ tool_calls: [{ index, function: { arguments: fragment } }] }));
        break;
      }
      case 'message-end': {
        this.ended = true;
        const failure = createCohereFinishError(event.delta?.finish_reason, event.delta?.error, options);
        if (failure !== undefined) throw failure;
        emit(this.chunk({}, mapCohereFinishReason(event.delta?.finish_reason) ?? 'stop'));
        emit({ ...this.chunk({}), choices: [], usage: convertCohereUsage(event.delta?.usage) });
        break;
      }
      // content-end, tool-call-end, citation-start/-end and debug carry nothing canonical.
      default:
        break;
    }
  }

  onEnd(): void {
    if (this.ended) return;
    const { provider, model } = this.options;
    throw new APIConnectionError(`${provider} stream ended early, before message-end`, { provider, model });
  }

  private chunk(delta: ChatCompletionChunkDelta, finishReason: FinishReason | null = null): ChatCompletionChunk {
    return createChunk({ id: this.id, created: this.options.created, model: this.options.model }, delta, finishReason);
  }
}

/** An event without a type: an error report if it reads as one, else a broken stream. */
function unexpected(json: unknown, data: string, options: CohereStreamOptions): Error {
  const error = cohereErrorBodySchema.safeParse(json);
  if (error.success) return createCohereStreamError(error.data.message, options);
  return new BadGatewayError(`${options.provider} sent a malformed stream event: ${redactSecrets(data.slice(0, 200), options.secrets)}`, {
    provider: options.provider,
    model: options.model,
  });
}
