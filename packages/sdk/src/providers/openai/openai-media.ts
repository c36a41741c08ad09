// Images, speech to text and text to speech on OpenAI-format upstreams (OpenAI, Azure, Groq,
// ...): JSON bodies for generations and speech, multipart uploads for edits and
// transcriptions (the files' bytes written as held, see encode-multipart.ts), and speech's
// audio handed over unread (token-priced speech decoded from its events as they arrive). A row gets only the operations it declares (`media`), so a call
// its upstream does not serve is refused up front rather than answered by the upstream's 404.

import { z } from 'zod';
import { encodeMultipart } from '../../http/encode-multipart.js';
import type { ImagesResponse } from '../../image-generation.js';
import { SPEECH_PRICES_PER_TOKEN } from '../../cost/media-prices.js';
import type { TranscriptionResponse } from '../../transcription.js';
import { TEXT_TRANSCRIPTION_FORMATS } from '../../transcription.js';
import type { MediaCapability, MediaSupport } from '../media-support.js';
import type { OpenAIProviderConfig } from './openai-provider-config.js';
import { parseOpenAIBody } from './parse-openai-body.js';
import { readOpenAISpeechEvents } from './read-openai-speech-events.js';
import { sendOpenAIRequest } from './send-openai-request.js';

const imagesResponseSchema = z.looseObject({
  created: z.number(),
  data: z.array(z.looseObject({ url: z.string().optional(), b64_json: z.string().optional(), revised_prompt: z.string().optional() })),
  usage: z
    .looseObject({
      input_tokens: z.number(),
      output_tokens: z.number(),
      total_tokens: z.number(),
      input_tokens_details: z.looseObject({ text_tokens: z.number().optional(), image_tokens: z.number().optional() }).optional(),
    })
    .optional(),
});

const transcriptionResponseSchema = z.looseObject({ text: z.string(), duration: z.number().optional() });

/** The row's declared media operations, or undefined when it declares none. */
export function createOpenAIMedia(config: OpenAIProviderConfig): MediaSupport | undefined {
  const declared = config.media ?? [];
  if (declared.length === 0) return undefined;
  const all = createAllOpenAIMedia(config);
  const media: MediaSupport = {};
  for (const capability of declared) copyCapability(media, all, capability);
  return media;
}

function copyCapability<Capability extends MediaCapability>(target: MediaSupport, source: Required<MediaSupport>, capability: Capability): void {
  target[capability] = source[capability];
}

function createAllOpenAIMedia(config: OpenAIProviderConfig): Required<MediaSupport> {
  return {
    async generateImage(request, context) {
      const call = await sendOpenAIRequest(config, { path: '/images/generations', method: 'POST', body: JSON.stringify(request), stream: false }, context);
      return (await parseOpenAIBody(call, imagesResponseSchema, context, 'an image list')) as ImagesResponse;
    },
    async editImage(request, context) {
      const { search_prompt: searchPrompt, ...openAIRequest } = request;
      if (searchPrompt !== undefined) context.warnings.push('search_prompt: a Stability-on-Bedrock field OpenAI does not take, dropped');
      const multipart = encodeMultipart(openAIRequest);
      const call = await sendOpenAIRequest(config, { path: '/images/edits', method: 'POST', multipart, stream: false }, context);
      return (await parseOpenAIBody(call, imagesResponseSchema, context, 'an image list')) as ImagesResponse;
    },
    async transcribe(request, task, context) {
      const multipart = encodeMultipart(request);
      const call = await sendOpenAIRequest(config, { path: `/audio/${task}`, method: 'POST', multipart, stream: false }, context);
      if (request.response_format !== undefined && TEXT_TRANSCRIPTION_FORMATS.has(request.response_format)) {
        // text, srt and vtt come back as plain text; no error hides in a 2xx of those.
        return { text: await call.response.body.text() };
      }
      return (await parseOpenAIBody(call, transcriptionResponseSchema, context, 'a transcription')) as TranscriptionResponse;
    },
    async speak(request, context) {
      // A model billed by tokens reports them only in the event stream: ask for it (see read-openai-speech-events.ts).
      const countTokens = config.speechUsageEvents === true && SPEECH_PRICES_PER_TOKEN[request.model] !== undefined;
      const wire = countTokens ? { ...request, stream_format: 'sse' } : request;
      const call = await sendOpenAIRequest(config, { path: '/audio/speech', method: 'POST', body: JSON.stringify(wire), stream: false }, context);
      const type = call.response.headers['content-type'];
      if (countTokens && typeof type === 'string' && type.startsWith('text/event-stream')) {
        return readOpenAISpeechEvents(call.response.body, { format: request.response_format, passEvents: request.stream_format === 'sse' });
      }
      return { audio: call.response.body, contentType: typeof type === 'string' ? type : 'application/octet-stream' };
    },
  };
}
