// A Messages API SSE response → canonical chunks, for Anthropic's own API and for Claude on
// Vertex AI, which stream the same events.

import { decodeSse } from '../../http/decode-sse.js';
import { guardUpstreamStream } from '../../http/guard-upstream-stream.js';
import type { HttpRequest, HttpResponse } from '../../http/http-client.js';
import type { ChatCompletionChunk } from '../../spec/index.js';
import { convertAnthropicStream, type AnthropicStreamOptions } from './anthropic-stream.js';

export function readAnthropicStream(
  response: HttpResponse,
  context: Pick<HttpRequest, 'provider' | 'model' | 'signal'>,
  options: AnthropicStreamOptions,
): AsyncGenerator<ChatCompletionChunk> {
  return guardUpstreamStream(response, convertAnthropicStream(decodeSse(response.body), options), context);
}
