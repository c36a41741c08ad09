// Streams a chat completion as OpenAI server-sent events. The Router throws errors that
// happen before the first content, so those still get a JSON error and status; after the
// 200 is written, an error becomes one terminal `data: {"error":...}` event (no [DONE]),
// and is logged. A client that hangs up cancels the upstream call.

import { performance } from 'node:perf_hooks';
import { encodeSseData, SSE_DONE, type CompletionParams, type Router } from 'llmux';
import { clientGone } from '../http/client-gone.js';
import type { RequestContext } from '../http/request-context.js';
import { encodeStreamError } from '../http/send-error.js';
import { waitForDrain } from '../http/wait-for-drain.js';
import { recordRoutedCall, recordUsage } from './record-routed-call.js';

export async function streamChatCompletion(context: RequestContext, router: Router, params: CompletionParams & { stream: true }): Promise<void> {
  context.log.stream = true;
  const stream = await router.completion(params);
  const response = context.response;
  recordRoutedCall(context, stream.llmux);
  const headers = context.headers;
  headers['content-type'] = 'text/event-stream';
  headers['cache-control'] = 'no-cache';
  // Proxies such as nginx would otherwise hold events back in their buffers.
  headers['x-accel-buffering'] = 'no';
  response.writeHead(200, headers);
  response.once('close', () => {
    if (!response.writableEnded) stream.cancel().catch(() => undefined);
  });

  let failed = false;
  let failure: unknown;
  let first = true;
  try {
    for await (const chunk of stream) {
      // Leaving the loop returns the iterator, which releases the upstream connection.
      if (clientGone(response)) break;
      const written = response.write(encodeSseData(chunk));
      if (first) {
        first = false;
        context.log.timeToFirstTokenMs = performance.now() - context.startedAt;
        // Node holds a response's writes until the next tick to send them in one syscall;
        // the chunks of one upstream read are all converted before that tick. The first
        // token goes out now, with the headers; the rest of a burst is still batched.
        response.socket?.uncork();
      }
      if (!written) await waitForDrain(response);
    }
  } catch (error) {
    failed = true;
    failure = error;
  }
  recordUsage(context, stream.usage, stream.llmux.cost);
  if (stream.llmux.durationMs !== undefined) context.log.upstreamLatencyMs = stream.llmux.durationMs;
  if (clientGone(response)) return;
  response.end(failed ? encodeStreamError(context, failure) : SSE_DONE);
}
