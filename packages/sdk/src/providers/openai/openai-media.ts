// Images, speech to text and text to speech on OpenAI-format upstreams (OpenAI, Azure, Groq,
// ...): JSON bodies for generations and speech, multipart uploads for edits and
// transcriptions (the files' bytes written as held, see encode-multipart.ts), and speech's
// audio handed over unread.

import { z } from 'zod';
import { encodeMultipart } from '../../http/encode-multipart.js';
import type { ImagesResponse } from '../../image-generation.js';
import type { TranscriptionResponse } from '../../transcription.js';
import { TEXT_TRANSCRIPTION_FORMATS } from '../../transcription.js';
import type { MediaSupport } from '../media-support.js';
import type { OpenAIProviderConfig } from './openai-provider-config.js';
import { parseOpenAIBody } from './parse-openai-body.js';
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

export function createOpenAIMedia(config: OpenAIProviderConfig): MediaSupport {
  return {
    async generateImage(request, context) {
      const call = await sendOpenAIRequest(config, { path: '/images/generations', method: 'POST', body: JSON.stringify(request), stream: false }, context);
      return (await parseOpenAIBody(call, imagesResponseSchema, context, 'an image list')) as ImagesResponse;
    },
    async editImage(request, context) {
      const multipart = encodeMultipart(request);
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
      const call = await sendOpenAIRequest(config, { path: '/audio/speech', method: 'POST', body: JSON.stringify(request), stream: false }, context);
      const type = call.response.headers['content-type'];
      return { audio: call.response.body, contentType: typeof type === 'string' ? type : 'application/octet-stream' };
    },
  };
}
