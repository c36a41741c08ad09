// One text-to-speech call on ElevenLabs. OpenAI's response_format maps to ElevenLabs'
// output_format (mp3 → mp3_44100_128, pcm → pcm_24000 as OpenAI's pcm is 24 kHz, opus →
// opus_48000_128); the formats it does not make are refused; `speed` goes into
// voice_settings; `instructions` have no ElevenLabs equivalent and are dropped with a warning.

import { BadRequestError } from '../../errors/error-classes.js';
import { createUpstreamErrorFactory } from '../../http/create-upstream-error.js';
import type { SpeechAudio, SpeechRequest } from '../../speech.js';
import type { ProviderCallContext } from '../provider-adapter.js';
import { resolveApiBase, resolveApiKey } from '../resolve-api-key.js';
import { sendProviderRequest } from '../send-provider-request.js';
import { parseElevenLabsError } from './elevenlabs-error.js';

const DEFAULT_BASE = 'https://api.elevenlabs.io';
const OUTPUT_FORMATS: Readonly<Record<string, string>> = { mp3: 'mp3_44100_128', pcm: 'pcm_24000', opus: 'opus_48000_128' };
const createElevenLabsError = createUpstreamErrorFactory(parseElevenLabsError);

export async function speakWithElevenLabs(request: SpeechRequest, context: ProviderCallContext): Promise<SpeechAudio> {
  const format = request.response_format ?? 'mp3';
  const outputFormat = OUTPUT_FORMATS[format];
  if (outputFormat === undefined) {
    throw new BadRequestError(`ElevenLabs makes mp3, pcm or opus: response_format ${format} is not available`, {
      provider: 'elevenlabs',
      model: context.model,
      param: 'response_format',
    });
  }
  if (request.instructions !== undefined) context.warnings.push('instructions: ElevenLabs has no voice instructions, dropped');
  const apiKey = resolveApiKey(context, ['ELEVENLABS_API_KEY'], true) ?? '';
  const base = resolveApiBase(context, ['ELEVENLABS_API_BASE'], DEFAULT_BASE).replace(/\/v1\/?$/, '');
  const body = {
    text: request.input,
    model_id: context.model,
    ...(request.speed === undefined ? {} : { voice_settings: { speed: request.speed } }),
  };
  const url = `${base}/v1/text-to-speech/${encodeURIComponent(request.voice)}/stream?output_format=${outputFormat}`;
  const headers = { 'content-type': 'application/json', ...context.extraHeaders, 'xi-api-key': apiKey };
  const call = await sendProviderRequest(context, 'POST', url, headers, JSON.stringify(body), createElevenLabsError, [apiKey]);
  const type = call.response.headers['content-type'];
  return { audio: call.response.body, contentType: typeof type === 'string' ? type : 'audio/mpeg' };
}
