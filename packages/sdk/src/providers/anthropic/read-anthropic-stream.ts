// A Messages API SSE response → canonical chunks, for Anthropic's own API and for Claude on
// Vertex AI, which stream the same events.

import type { HttpRequest, HttpResponse } from '../../http/http-client.js';
import { readSseStream } from '../../http/read-sse-stream.js';
import type { ChatCompletionChunk } from '../../spec/index.js';
import { AnthropicChunkReader, type AnthropicStreamOptions } from './anthropic-stream.js';

export function readAnthropicStream(
  response: HttpResponse,
  context: Pick<HttpRequest, 'provider' | 'model' | 'signal'>,
  options: AnthropicStreamOptions,
): AsyncIterableIterator<ChatCompletionChunk> {
  return readSseStream(response.body, new AnthropicChunkReader(options), context);
}
