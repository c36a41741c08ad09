// Wraps an upstream response's decoded stream so that transport failures surface as typed
// connection errors and the connection is freed as soon as the reader stops early. Every
// streaming provider needs exactly this around its converter.

import { isLlmuxError } from '../errors/to-openai-error-body.js';
import { toConnectionError, type HttpRequest, type HttpResponse } from './http-client.js';

export async function* guardUpstreamStream<T>(response: HttpResponse, items: AsyncIterable<T>, context: Pick<HttpRequest, 'provider' | 'model' | 'signal'>): AsyncGenerator<T> {
  let finished = false;
  try {
    yield* items;
    finished = true;
  } catch (error) {
    // An abort passes through as the caller's reason; typed errors pass through unchanged.
    throw isLlmuxError(error) ? error : toConnectionError(error, context);
  } finally {
    // The reader stopped early or the stream failed: free the connection now.
    if (!finished) response.body.destroy();
  }
}
