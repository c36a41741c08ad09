// POST /v1/audio/transcriptions and /v1/audio/translations: speech to text, a multipart
// upload read at the edge and forwarded as multipart to OpenAI-format providers. JSON formats
// answer JSON; text, srt and vtt answer the text as the provider wrote it. Billed per second
// of audio, as the SDK reads it from the file.

import { TEXT_TRANSCRIPTION_FORMATS, transcriptionAttempt, translationAttempt, type TranscriptionResult, type RouterTarget } from 'llmux';
import { readMultipart } from '../../http/read-multipart.js';
import { clientGone } from '../../http/client-gone.js';
import { sendJson } from '../../http/send-json.js';
import type { CallState, Operation } from '../operation.js';
import { recordRoutedCall, recordUsage, setCostHeader } from '../record-routed-call.js';
import { pickMediaFields, warnDroppedFields } from './audio-images-fields.js';
import { TRANSCRIPTION_FIELDS, TRANSCRIPTION_REQUEST } from './audio-request-schemas.js';
import { createRoutingOptions } from './create-routing-options.js';
import { openAIOperation } from './openai-operation.js';

type TranscriptionAttempt = (target: RouterTarget, rest: object) => Promise<TranscriptionResult>;

function transcriptionOperation(task: 'transcriptions' | 'translations', attempt: TranscriptionAttempt, callType: string, name: string): Operation {
  return openAIOperation(`/audio/${task}`, {
    names: { name, callType, traceName: name },
    request: TRANSCRIPTION_REQUEST,
    readRequest: readMultipart,
    serve: (state) => serveTranscription(state, attempt),
  });
}

export const audioTranscriptionsOperation = transcriptionOperation('transcriptions', transcriptionAttempt, 'atranscription', 'transcription');
// LiteLLM records translations under the transcription call type too.
export const audioTranslationsOperation = transcriptionOperation('translations', translationAttempt, 'atranscription', 'translation');

async function serveTranscription(state: CallState, attempt: TranscriptionAttempt): Promise<boolean> {
  const { context, dependencies } = state;
  // The schema's output: a multipart form's numbers (temperature) arrive as text.
  const body = TRANSCRIPTION_REQUEST.schema.parse(state.body) as Record<string, unknown>;
  const { params, dropped } = pickMediaFields(body, state.body, TRANSCRIPTION_FIELDS);
  const result = await dependencies.router.call({ ...params, ...createRoutingOptions(state) }, attempt);
  recordRoutedCall(context, result.llmux);
  warnDroppedFields(context, dropped);
  recordUsage(context, undefined, result.llmux.cost);
  setCostHeader(context, result.llmux.cost);
  const format = body['response_format'];
  if (typeof format === 'string' && TEXT_TRANSCRIPTION_FORMATS.has(format)) {
    if (clientGone(context.response)) return true;
    const headers = context.headers;
    headers['content-type'] = 'text/plain; charset=utf-8';
    headers['content-length'] = Buffer.byteLength(result.text);
    context.response.writeHead(200, headers);
    context.response.end(result.text);
    return true;
  }
  sendJson(context, 200, JSON.stringify(result));
  return true;
}
