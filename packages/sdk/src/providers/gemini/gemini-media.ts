// Images, speech to text and text to speech on Gemini-format endpoints (AI Studio and Vertex
// AI share them; the caller resolves the endpoint and its auth): audio sent inline to
// generateContent for a transcript, Gemini TTS read from streamGenerateContent as its audio
// arrives, and on Vertex AI Imagen's `:predict` (Google's own client offers Imagen on Vertex
// only).

import { z } from 'zod';
import type { ProviderCallContext } from '../provider-adapter.js';
import type { MediaSupport } from '../media-support.js';
import { convertToImagenRequest } from './convert-to-imagen-request.js';
import { readGeminiSpeech } from './gemini-speech-stream.js';
import { convertToGeminiTranscriptionRequest, readGeminiTranscript } from './gemini-transcription.js';
import { readGeminiJson, sendGeminiRequest, type GeminiEndpoint } from './send-gemini-request.js';

const imagenResponseSchema = z.looseObject({
  predictions: z.array(z.looseObject({ bytesBase64Encoded: z.string().optional(), mimeType: z.string().optional(), raiFilteredReason: z.string().optional() })).default([]),
});

export type ResolveGeminiEndpoint = (context: ProviderCallContext) => Promise<GeminiEndpoint>;

export function createGeminiMedia(resolve: ResolveGeminiEndpoint, options: { images: boolean }): MediaSupport {
  const media: MediaSupport = {
    async transcribe(request, task, context) {
      const endpoint = await resolve(context);
      const body = convertToGeminiTranscriptionRequest(request, task);
      const { response } = await sendGeminiRequest(endpoint, 'generateContent', body, context, false);
      return readGeminiTranscript(response, endpoint, context, request);
    },
    async speak(request, context) {
      const endpoint = await resolve(context);
      return readGeminiSpeech(endpoint, request, context);
    },
  };
  if (!options.images) return media;
  return {
    ...media,
    async generateImage(request, context) {
      const endpoint = await resolve(context);
      const body = convertToImagenRequest(request, context.warnings);
      const { response } = await sendGeminiRequest(endpoint, 'predict', body, context, false);
      const parsed = await readGeminiJson(response, imagenResponseSchema, endpoint, context, 'an Imagen predict response');
      // Images the safety filter removed come back without bytes; the rest are answered.
      const data = parsed.predictions.flatMap((prediction) => (prediction.bytesBase64Encoded === undefined ? [] : [{ b64_json: prediction.bytesBase64Encoded }]));
      return { created: Math.floor(Date.now() / 1000), data };
    },
  };
}
