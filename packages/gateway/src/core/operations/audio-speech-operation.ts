// POST /v1/audio/speech: text to speech. The audio is written to the client as the provider
// sends it (a pipe with backpressure, nothing gathered); a client that hangs up ends the
// upstream call. Billed per input character, known before the first byte (and sent as the
// cost header), or, for token-priced models, by the upstream's token counts read at the end of
// the audio: the spend row then carries those tokens and their cost (no header: it is sent first).
// No free streams: a call cut short (hang-up, upstream cut, shutdown) is billed as a chat stream
// is, its row a failure with how it ended; a token-priced one without the upstream's counts is
// billed by the SDK's estimate of what was delivered, marked usage_counted.

import { once } from 'node:events';
import { pipeline } from 'node:stream/promises';
import { speechAttempt, type SpeechSettlement } from 'llmux';
import { clientGone } from '../../http/client-gone.js';
import type { RequestContext } from '../../http/request-context.js';
import type { OpenStream } from '../open-streams.js';
import { recordRoutedCall, recordUsage, setCostHeader } from '../record-routed-call.js';
import { pickMediaFields, warnDroppedFields } from './audio-images-fields.js';
import { SPEECH_FIELDS, SPEECH_REQUEST } from './audio-request-schemas.js';
import { createRoutingOptions } from './create-routing-options.js';
import { openAIOperation } from './openai-operation.js';

export const audioSpeechOperation = openAIOperation('/audio/speech', {
  names: { name: 'speech', callType: 'aspeech', traceName: 'speech' },
  request: SPEECH_REQUEST,
  async serve(state) {
    const { context, dependencies, body } = state;
    const { params, dropped } = pickMediaFields(body, body, SPEECH_FIELDS);
    const result = await dependencies.router.call({ ...params, ...createRoutingOptions(state) }, speechAttempt);
    recordRoutedCall(context, result.llmux);
    warnDroppedFields(context, dropped);
    recordUsage(context, undefined, result.llmux.cost);
    setCostHeader(context, result.llmux.cost);
    const response = context.response;
    if (clientGone(response)) {
      result.audio.destroy();
      context.call.callEnd = 'client_disconnected';
      // The text went upstream: its tokens are owed, with no audio delivered.
      settleSpeech(context, result.settle());
      return true;
    }
    context.headers['content-type'] = result.contentType;
    response.writeHead(200, context.headers);
    // Which side broke first: pipeline destroys the response after an upstream error, so the
    // response alone cannot tell an upstream cut from a hang-up once the pipe has failed.
    let upstreamCut = false;
    result.audio.once('error', () => (upstreamCut = !clientGone(response)));
    // At shutdown, audio has no terminal error event to send: the connection is cut, and billed.
    let shutDown = false;
    const open: OpenStream = {
      finished: once(response, 'close').then(
        () => undefined,
        () => undefined,
      ),
      shutDown() {
        if (response.writableEnded || clientGone(response)) return;
        shutDown = true;
        response.destroy();
      },
    };
    dependencies.streams.add(open);
    try {
      await pipeline(result.audio, response);
      settleSpeech(context, result.settle());
      return true;
    } catch (error) {
      settleSpeech(context, result.settle());
      // After the 200 nothing can be said in the body; the cut connection tells the client.
      if (shutDown) context.call.callEnd = 'shutdown';
      else if (!upstreamCut && clientGone(response)) context.call.callEnd = 'client_disconnected';
      else {
        context.call.callEnd = 'upstream_cut';
        context.call.errorClass = error instanceof Error ? error.name : 'Error';
        response.destroy();
        // The pipe may have closed it already: waiting for a 'close' that has passed would never end.
        if (!response.closed) await once(response, 'close').catch(() => undefined);
      }
      // Billed for what was sent and delivered, as a chat stream cut short; the call end makes the row a failure.
      return true;
    } finally {
      dependencies.streams.delete(open);
    }
  },
});

/** The tokens and cost of token-priced TTS, reported or estimated; nothing changes for per-character models. */
function settleSpeech(context: RequestContext, settled: SpeechSettlement): void {
  const usage = settled.usage;
  if (usage === undefined) return;
  if (settled.estimated) context.call.usageCounted = true;
  recordUsage(context, { prompt_tokens: usage.input_tokens, completion_tokens: usage.output_tokens, total_tokens: usage.input_tokens + usage.output_tokens }, settled.cost);
}
