// OpenAI SSE stream → canonical chunks. Stops at `[DONE]`, throws an error event as the typed
// error, and refuses to end quietly: a connection that closes before `[DONE]` and before any
// finish_reason is an APIConnectionError, never a silently truncated answer.

import { APIConnectionError, BadGatewayError } from '../../errors/error-classes.js';
import { isLlmuxError } from '../../errors/to-openai-error-body.js';
import { decodeSse } from '../../http/decode-sse.js';
import { toConnectionError, type HttpResponse } from '../../http/http-client.js';
import type { ChatCompletionChunk } from '../../spec/index.js';
import { convertOpenAIChunk } from './convert-openai-chunk.js';
import type { OpenAIConvertOptions } from './convert-openai-content.js';
import { openAIChunkSchema } from './openai-api.js';
import { createOpenAIPayloadError, isOpenAIErrorPayload, type OpenAIErrorContext } from './openai-error.js';

export interface OpenAIStreamOptions extends OpenAIConvertOptions, OpenAIErrorContext {
  created: number;
  signal: AbortSignal | undefined;
}

export async function* readOpenAIStream(response: HttpResponse, options: OpenAIStreamOptions): AsyncGenerator<ChatCompletionChunk> {
  let finished = false;
  try {
    yield* convertOpenAIStream(response.body, options);
    finished = true;
  } finally {
    // The reader stopped early or the stream failed: free the connection now.
    if (!finished) response.body.destroy();
  }
}

export async function* convertOpenAIStream(
  body: AsyncIterable<Uint8Array | string>,
  options: OpenAIStreamOptions,
): AsyncGenerator<ChatCompletionChunk> {
  const context = { ...options, nextToolIndex: [] as number[] };
  let done = false;
  let finishSeen = false;
  try {
    for await (const event of decodeSse(body)) {
      // After [DONE] the body is read to its end, so that the connection can be reused.
      if (done) continue;
      const data = event.data;
      if (data === '[DONE]') {
        done = true;
        continue;
      }
      if (data === '') continue;
      const json = parseData(data, options);
      if (event.event === 'error' || isOpenAIErrorPayload(json)) throw createOpenAIPayloadError(json, options);
      const parsed = openAIChunkSchema.safeParse(json);
      if (!parsed.success) throw malformed(options, 'a chunk that is not a chat.completion.chunk');
      const chunk = convertOpenAIChunk(parsed.data, context);
      if (chunk === undefined) continue;
      if (!finishSeen) finishSeen = chunk.choices.some((choice) => choice.finish_reason !== null);
      yield chunk;
    }
  } catch (error) {
    throw isLlmuxError(error) ? error : toConnectionError(error, options);
  }
  if (!done && !finishSeen) {
    throw new APIConnectionError(`${options.provider} stream ended early: the connection closed before the reply was complete`, {
      provider: options.provider,
      model: options.model,
    });
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
