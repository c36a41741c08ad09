// OpenAI SSE stream → canonical chunks. Stops at `[DONE]`, throws an error event as the typed
// error, and refuses to end quietly: a connection that closes before `[DONE]` and before any
// finish_reason is an APIConnectionError, never a silently truncated answer.

import { APIConnectionError, BadGatewayError } from '../../errors/error-classes.js';
import { decodeSse } from '../../http/decode-sse.js';
import type { HttpResponse } from '../../http/http-client.js';
import { convertSseEvents, readSseStream, type SseEventHandler } from '../../http/read-sse-stream.js';
import type { ChatCompletionChunk } from '../../spec/index.js';
import { convertOpenAIChunk, type OpenAIChunkContext } from './convert-openai-chunk.js';
import type { OpenAIConvertOptions } from './convert-openai-content.js';
import { openAIChunkSchema, type OpenAIChunk } from './openai-api.js';
import { isPlainOpenAIChunk } from './openai-quick-checks.js';
import { createOpenAIPayloadError, isOpenAIErrorPayload, type OpenAIErrorContext } from './openai-error.js';

export interface OpenAIStreamOptions extends OpenAIConvertOptions, OpenAIErrorContext {
  created: number;
  signal: AbortSignal | undefined;
}

export function readOpenAIStream(response: HttpResponse, options: OpenAIStreamOptions): AsyncIterableIterator<ChatCompletionChunk> {
  return readSseStream(response.body, new OpenAIChunkReader(options), options);
}

export function convertOpenAIStream(body: AsyncIterable<Uint8Array | string>, options: OpenAIStreamOptions): AsyncGenerator<ChatCompletionChunk> {
  return convertSseEvents(decodeSse(body), new OpenAIChunkReader(options), options);
}

class OpenAIChunkReader implements SseEventHandler<ChatCompletionChunk> {
  private readonly context: OpenAIChunkContext;
  private done = false;
  private finishSeen = false;

  constructor(private readonly options: OpenAIStreamOptions) {
    this.context = { ...options, nextToolIndex: [] };
  }

  onEvent(event: string | undefined, data: string, emit: (chunk: ChatCompletionChunk) => void): void {
    // After [DONE] the body is read to its end, so that the connection can be reused.
    if (this.done) return;
    if (data === '[DONE]') {
      this.done = true;
      return;
    }
    if (data === '') return;
    const json = parseData(data, this.options);
    if (event === 'error' || isOpenAIErrorPayload(json)) throw createOpenAIPayloadError(json, this.options);
    const chunk = convertOpenAIChunk(this.wireChunk(json), this.context);
    if (chunk === undefined) return;
    if (!this.finishSeen) this.finishSeen = chunk.choices.some((choice) => choice.finish_reason !== null);
    emit(chunk);
  }

  private wireChunk(json: unknown): OpenAIChunk {
    if (isPlainOpenAIChunk(json)) return json;
    const parsed = openAIChunkSchema.safeParse(json);
    if (!parsed.success) throw malformed(this.options, 'a chunk that is not a chat.completion.chunk');
    return parsed.data;
  }

  onEnd(): void {
    if (this.done || this.finishSeen) return;
    const { provider, model } = this.options;
    throw new APIConnectionError(`${provider} stream ended early: the connection closed before the reply was complete`, { provider, model });
  }
}

function parseData(data: string, options: OpenAIStreamOptions): unknown {
  try {
    return JSON.parse(data);
  } catch {
    throw malformed(options, 'an event that is not JSON');
  }
}

function malformed(options: OpenAIStreamOptions, what: string): BadGatewayError {
  return new BadGatewayError(`${options.provider} sent ${what} in its stream`, { provider: options.provider, model: options.model });
}
