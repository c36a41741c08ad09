// Speech to text on Gemini: the audio goes inline (base64) to generateContent with an
// instruction to transcribe it (or translate it into English), and the answer's text is the
// transcript. Gemini writes no timed segments, so srt and vtt are refused; verbose_json
// answers the text and the task.

import { BadRequestError } from '../../errors/error-classes.js';
import type { HttpResponse } from '../../http/http-client.js';
import type { TranscriptionRequest, TranscriptionResponse, TranscriptionTask } from '../../transcription.js';
import type { ProviderCallContext } from '../provider-adapter.js';
import { geminiResponseSchema, type GeminiRequestBody } from './gemini-api.js';
import { readGeminiJson, type GeminiEndpoint } from './send-gemini-request.js';

export function convertToGeminiTranscriptionRequest(request: TranscriptionRequest, task: TranscriptionTask): GeminiRequestBody {
  const format = request.response_format;
  if (format === 'srt' || format === 'vtt') {
    throw new BadRequestError(`Gemini writes no timed segments: response_format ${format} is not available; use json, text or verbose_json`, {
      param: 'response_format',
      model: request.model,
    });
  }
  const instruction =
    task === 'translations'
      ? 'Translate the speech in this audio into English. Answer with the English text only.'
      : `Transcribe the speech in this audio${request.language === undefined ? '' : ` (language: ${request.language})`}. Answer with the transcript only.`;
  const context = request.prompt === undefined ? '' : ` Context and spellings to follow: ${request.prompt}`;
  return {
    contents: [
      {
        role: 'user',
        parts: [{ text: instruction + context }, { inlineData: { mimeType: request.file.contentType, data: request.file.data.toString('base64') } }],
      },
    ],
    generationConfig: request.temperature === undefined ? {} : { temperature: request.temperature },
  };
}

export async function readGeminiTranscript(
  response: HttpResponse,
  endpoint: GeminiEndpoint,
  context: ProviderCallContext,
  request: TranscriptionRequest,
): Promise<TranscriptionResponse> {
  const parsed = await readGeminiJson(response, geminiResponseSchema, endpoint, context, 'a generateContent response');
  const parts = parsed.candidates?.[0]?.content?.parts ?? [];
  const text = parts
    .map((part) => (part.thought === true ? '' : (part.text ?? '')))
    .join('')
    .trim();
  if (request.response_format === 'verbose_json') return { task: 'transcribe', text };
  return request.response_format === 'text' ? { text: `${text}\n` } : { text };
}
