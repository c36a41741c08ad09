// A fake Gemini media API on 127.0.0.1:0, at AI Studio's paths (`/v1beta/models/M:method`,
// the key in `x-goog-api-key`) and Vertex AI's (`/v1/projects/P/locations/L/publishers/
// google/models/M:method`, a Bearer token): audio transcripts from `:generateContent` with
// inline audio, TTS from `:streamGenerateContent?alt=sse` with an AUDIO modality, and Imagen's
// `:predict` (generation on both; edits on Vertex only, where the capability models live: AI
// Studio answers 404 for them). Google's error bodies.

import { answerFakeImagenPredict } from './fake-gemini-images.js';
import { createFakeGeminiTranscript, findInlineAudio, isSpeechRequest, sendFakeGeminiSpeech } from './fake-gemini-audio.js';
import { apiKeyInvalidBody, googleErrorBody } from './fake-google-error.js';
import { sendJson, startFakeServer, type FakeServer } from './start-fake-server.js';

export interface FakeGeminiMediaOptions {
  apiKey?: string;
  /** Bearer tokens Vertex paths accept (e.g. a fake token server's `issued`); absent, Vertex paths are 404. */
  tokens?: readonly string[];
  /** Milliseconds between TTS chunks (default 30). */
  speechPauseMs?: number;
}

const STUDIO_ROUTE = /^\/v1beta\/models\/([^/:]+):(predict|generateContent|streamGenerateContent)$/;
const VERTEX_ROUTE = /^\/(?:v1|v1beta1)\/projects\/[^/]+\/locations\/[^/]+\/publishers\/google\/models\/([^/:]+):(predict|generateContent|streamGenerateContent)$/;

export function startFakeGeminiMediaUpstream(options: FakeGeminiMediaOptions = {}): Promise<FakeServer> {
  return startFakeServer(async (request, response) => {
    const url = new URL(request.url, 'http://fake');
    const vertex = options.tokens === undefined ? null : VERTEX_ROUTE.exec(url.pathname);
    const route = vertex ?? STUDIO_ROUTE.exec(url.pathname);
    if (route === null || request.method !== 'POST') return sendJson(response, 404, googleErrorBody(404, 'NOT_FOUND', `Method not found: ${request.method} ${url.pathname}`));
    if (vertex !== null) {
      const token = (request.headers.authorization ?? '').replace(/^Bearer /, '');
      if (!(options.tokens ?? []).includes(token))
        return sendJson(response, 401, googleErrorBody(401, 'UNAUTHENTICATED', 'Request had invalid authentication credentials. Expected OAuth 2 access token.'));
    } else {
      const key = request.headers['x-goog-api-key'] ?? url.searchParams.get('key') ?? undefined;
      if (options.apiKey !== undefined && key !== options.apiKey) return sendJson(response, 400, apiKeyInvalidBody());
    }
    const [, model = '', method] = route;
    if (request.json === undefined) return sendJson(response, 400, googleErrorBody(400, 'INVALID_ARGUMENT', 'Invalid JSON payload received.'));
    if (method === 'predict') {
      const notServed = !model.startsWith('imagen') || (vertex === null && model.includes('capability'));
      if (notServed) return sendJson(response, 404, googleErrorBody(404, 'NOT_FOUND', `models/${model} is not found for API version v1beta, or is not supported for predict.`));
      const reply = answerFakeImagenPredict(request.json, model);
      return sendJson(response, reply.status, reply.body);
    }
    if (method === 'streamGenerateContent') {
      if (!isSpeechRequest(request.json)) return sendJson(response, 400, googleErrorBody(400, 'INVALID_ARGUMENT', 'This fake streams TTS audio only.'));
      return sendFakeGeminiSpeech(response, model, options.speechPauseMs ?? 30);
    }
    const audio = findInlineAudio(request.json);
    if (audio === undefined) return sendJson(response, 400, googleErrorBody(400, 'INVALID_ARGUMENT', 'This fake answers generateContent with inline audio only.'));
    return sendJson(response, 200, createFakeGeminiTranscript(audio, model));
  });
}
