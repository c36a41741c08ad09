// One transcription on Deepgram: the model, language and prompt (as keyterms, Nova-3's
// vocabulary hints) go in the query; the reply's first channel's best alternative is the
// text. Deepgram does not translate, and its captions come from a separate formatter, so
// translations, srt and vtt are refused with a 400.

import { z } from 'zod';
import { BadRequestError } from '../../errors/error-classes.js';
import { createUpstreamErrorFactory } from '../../http/create-upstream-error.js';
import type { TranscriptionRequest, TranscriptionResponse, TranscriptionTask } from '../../transcription.js';
import { parseJsonBody } from '../parse-json-body.js';
import type { ProviderCallContext } from '../provider-adapter.js';
import { resolveApiBase, resolveApiKey } from '../resolve-api-key.js';
import { sendProviderRequest } from '../send-provider-request.js';
import { parseDeepgramError } from './deepgram-error.js';

const DEFAULT_BASE = 'https://api.deepgram.com';
const createDeepgramError = createUpstreamErrorFactory(parseDeepgramError);

const listenResponseSchema = z.looseObject({
  metadata: z.looseObject({ duration: z.number().optional() }).optional(),
  results: z.looseObject({
    channels: z.array(
      z.looseObject({ alternatives: z.array(z.looseObject({ transcript: z.string(), words: z.array(z.unknown()).optional() })), detected_language: z.string().optional() }),
    ),
  }),
});

export async function transcribeWithDeepgram(request: TranscriptionRequest, task: TranscriptionTask, context: ProviderCallContext): Promise<TranscriptionResponse> {
  if (task === 'translations')
    throw new BadRequestError('Deepgram does not translate speech; use /v1/audio/transcriptions', { provider: 'deepgram', model: context.model, param: 'model' });
  const format = request.response_format;
  if (format === 'srt' || format === 'vtt')
    throw new BadRequestError(`Deepgram captions are not offered here: response_format ${format}; use json, text or verbose_json`, {
      provider: 'deepgram',
      model: context.model,
      param: 'response_format',
    });
  const apiKey = resolveApiKey(context, ['DEEPGRAM_API_KEY'], true) ?? '';
  const base = resolveApiBase(context, ['DEEPGRAM_API_BASE'], DEFAULT_BASE).replace(/\/v1\/?$/, '');
  const query = new URLSearchParams({ model: context.model, smart_format: 'true' });
  if (request.language !== undefined) query.set('language', request.language);
  else query.set('detect_language', 'true');
  if (request.prompt !== undefined)
    for (const term of request.prompt
      .split(/[,\n]/)
      .map((item) => item.trim())
      .filter((item) => item !== ''))
      query.append('keyterm', term);
  if (request.temperature !== undefined) context.warnings.push('temperature: Deepgram has none, dropped');
  const headers = { 'content-type': request.file.contentType, ...context.extraHeaders, authorization: `Token ${apiKey}` };
  const call = await sendProviderRequest(context, 'POST', `${base}/v1/listen?${query.toString()}`, headers, request.file.data, createDeepgramError, [apiKey]);
  const reply = await parseJsonBody(call.response, listenResponseSchema, context, 'a listen response');
  const channel = reply.results.channels[0];
  const text = channel?.alternatives[0]?.transcript ?? '';
  if (format === 'text') return { text: `${text}\n` };
  if (format === 'verbose_json') {
    return {
      task: 'transcribe',
      language: channel?.detected_language ?? request.language ?? 'en',
      duration: reply.metadata?.duration ?? 0,
      text,
      words: channel?.alternatives[0]?.words ?? [],
    };
  }
  return { text };
}
