// Images, speech to text and text to speech on Gemini-format endpoints (AI Studio and Vertex
// AI share them; the caller resolves the endpoint and its auth): audio sent inline to
// generateContent for a transcript, Gemini TTS read from streamGenerateContent as its audio
// arrives, and Imagen's `:predict` for images (AI Studio and Vertex) and image edits (Vertex
// only: AI Studio serves no Imagen edit model).

import { z } from 'zod';
import type { ImagesResponse } from '../../image-generation.js';
import type { ProviderCallContext } from '../provider-adapter.js';
import type { MediaSupport } from '../media-support.js';
import { convertToImagenEditRequest } from './convert-to-imagen-edit-request.js';
import { convertToImagenRequest } from './convert-to-imagen-request.js';
import { readGeminiSpeech } from './gemini-speech-stream.js';
import { convertToGeminiTranscriptionRequest, readGeminiTranscript } from './gemini-transcription.js';
import { readGeminiJson, sendGeminiRequest, type GeminiEndpoint } from './send-gemini-request.js';

const imagenResponseSchema = z.looseObject({
  predictions: z.array(z.looseObject({ bytesBase64Encoded: z.string().optional(), mimeType: z.string().optional(), raiFilteredReason: z.string().optional() })).default([]),
});

export type ResolveGeminiEndpoint = (context: ProviderCallContext) => Promise<GeminiEndpoint>;

export function createGeminiMedia(resolve: ResolveGeminiEndpoint, options: { imageEdits: boolean }): MediaSupport {
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
    async generateImage(request, context) {
      const endpoint = await resolve(context);
      return predictImages(endpoint, convertToImagenRequest(request, context.warnings), context);
    },
  };
  if (!options.imageEdits) return media;
  return {
    ...media,
    async editImage(request, context) {
      const endpoint = await resolve(context);
      return predictImages(endpoint, convertToImagenEditRequest(request, context.warnings), context);
    },
  };
}

async function predictImages(endpoint: GeminiEndpoint, body: object, context: ProviderCallContext): Promise<ImagesResponse> {
  const { response } = await sendGeminiRequest(endpoint, 'predict', body, context, false);
  const parsed = await readGeminiJson(response, imagenResponseSchema, endpoint, context, 'an Imagen predict response');
  // Images the safety filter removed come back without bytes; the rest are answered.
  const data = parsed.predictions.flatMap((prediction) => (prediction.bytesBase64Encoded === undefined ? [] : [{ b64_json: prediction.bytesBase64Encoded }]));
  return { created: Math.floor(Date.now() / 1000), data };
}
